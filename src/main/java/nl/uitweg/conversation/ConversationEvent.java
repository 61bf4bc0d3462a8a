package nl.uitweg.conversation;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One event of a conversation as it travels between instances: a sequenced
 * {@code message}, {@code assigned} or {@code ended}, or an unsequenced {@code typing}
 * signal (seq 0). A message carries its sender's client message id, so the sending
 * connection can tell its own echo.
 */
public record ConversationEvent(String type, long seq, @Nullable String from, @Nullable String text,
		@Nullable String sentAt, @Nullable String reason, @Nullable Boolean active, @Nullable String clientMsgId,
		@Nullable Map<String, Object> counsellor) {

	public static final String MESSAGE = "message";

	public static final String ASSIGNED = "assigned";

	/** Back in the queue (the counsellor was lost, or handed it back). */
	public static final String REQUEUED = "requeued";

	public static final String ENDED = "ended";

	public static final String TYPING = "typing";

	static ConversationEvent typing(Party from, boolean active) {
		return new ConversationEvent(TYPING, 0, from.wire(), null, null, null, active, null, null);
	}

	public boolean sequenced() {
		return this.seq > 0;
	}

	public boolean isEnd() {
		return ENDED.equals(this.type);
	}

}
