package nl.uitweg.conversation;

import org.jspecify.annotations.Nullable;

/**
 * One event of a conversation as it travels between instances: a sequenced
 * {@code message} or {@code ended}, or an unsequenced {@code typing} signal (seq 0).
 */
public record ConversationEvent(String type, long seq, @Nullable String from, @Nullable String text,
		@Nullable String sentAt, @Nullable String reason, @Nullable Boolean active, @Nullable String clientMsgId) {

	public static final String MESSAGE = "message";

	public static final String ENDED = "ended";

	public static final String TYPING = "typing";

	public boolean sequenced() {
		return this.seq > 0;
	}

	public boolean isEnd() {
		return ENDED.equals(this.type);
	}

}
