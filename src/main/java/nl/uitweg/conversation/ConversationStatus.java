package nl.uitweg.conversation;

import java.util.Arrays;
import java.util.Optional;

/** Where a conversation stands, with the names the Lua scripts and Redis hashes use. */
public enum ConversationStatus {

	/** Waiting in the queue. */
	QUEUED("queued"),

	/** Offered to one counsellor, who has not answered yet. */
	OFFERED("offered"),

	/** A counsellor and the visitor are talking. */
	ACTIVE("active"),

	/** Over; only the text lingers until its retention ends. */
	ENDED("ended");

	private final String wire;

	ConversationStatus(String wire) {
		this.wire = wire;
	}

	public String wire() {
		return this.wire;
	}

	public boolean open() {
		return this != ENDED;
	}

	public static Optional<ConversationStatus> fromWire(String value) {
		return Arrays.stream(values()).filter((status) -> status.wire.equals(value)).findFirst();
	}

}
