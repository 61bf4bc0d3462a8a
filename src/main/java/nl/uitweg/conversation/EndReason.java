package nl.uitweg.conversation;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a conversation ended, with the name the {@code ended} frame, the log, the Lua
 * scripts and the stored record ({@link ConversationRecord#endReason()}) use.
 */
public enum EndReason {

	/** The counsellor ended it. */
	COUNSELLOR_ENDED("counsellor_ended"),

	/** The visitor left, or was gone past the grace period, while it was active. */
	VISITOR_LEFT("visitor_left"),

	/** The visitor was gone past the grace period while waiting. */
	VISITOR_ABANDONED("visitor_abandoned"),

	/** The counsellor blocked the visitor. */
	BLOCKED("blocked"),

	/**
	 * Open past its backstop lifetime (waiting, or talking, far longer than any real
	 * conversation), typically a socket that is gone without anyone noticing.
	 */
	EXPIRED("expired");

	private final String wire;

	EndReason(String wire) {
		this.wire = wire;
	}

	public String wire() {
		return this.wire;
	}

	public static Optional<EndReason> fromWire(String value) {
		return Arrays.stream(values()).filter((reason) -> reason.wire.equals(value)).findFirst();
	}

}
