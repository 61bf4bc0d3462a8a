package nl.uitweg.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One event of a conversation as it travels between instances: a sequenced
 * {@code message}, {@code assigned}, {@code requeued} or {@code ended}, or an unsequenced
 * {@code typing} signal (seq 0). A message carries its sender's client message id, so the
 * sending connection can tell its own echo. The Lua scripts write the same JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationEvent(Type type, long seq, @Nullable String from, @Nullable String text,
		@Nullable String sentAt, @Nullable String reason, @Nullable Boolean active, @Nullable String clientMsgId,
		@Nullable Counsellor counsellor) {

	/** The kinds of event, with their names in the log. */
	public enum Type {

		MESSAGE("message"), ASSIGNED("assigned"),

		/** Back in the queue (the counsellor was lost, or handed it back). */
		REQUEUED("requeued"),

		ENDED("ended"), TYPING("typing"),

		/** The head of the log, looked at by a follower; never leaves ConversationLog. */
		PROBE("probe");

		private final String wire;

		Type(String wire) {
			this.wire = wire;
		}

		@JsonValue
		public String wire() {
			return this.wire;
		}

	}

	/** The counsellor as the visitor sees them. */
	public record Counsellor(String displayName) {
	}

	static ConversationEvent typing(Party from, boolean active) {
		return new ConversationEvent(Type.TYPING, 0, from.wire(), null, null, null, active, null, null);
	}

	static ConversationEvent probe(long head) {
		return new ConversationEvent(Type.PROBE, head, null, null, null, null, null, null, null);
	}

	public boolean sequenced() {
		return this.seq > 0;
	}

	public boolean isEnd() {
		return this.type == Type.ENDED;
	}

	/** True for a message this party wrote with this client id: its own echo. */
	public boolean echoOf(Party party) {
		return this.type == Type.MESSAGE && party.wire().equals(this.from) && this.clientMsgId != null;
	}

}
