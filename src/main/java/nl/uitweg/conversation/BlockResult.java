package nl.uitweg.conversation;

/** The outcome of blocking a conversation's visitor (see {@code block.lua}). */
public sealed interface BlockResult {

	/** The conversation ended and its visitor is blocked. */
	record Blocked() implements BlockResult {
	}

	/** The conversation is somebody else's. */
	record NotYours() implements BlockResult {
	}

	/** Only an active conversation can be blocked. */
	record NotActive() implements BlockResult {
	}

	static BlockResult of(String reply) {
		return switch (reply) {
			case "ok" -> new Blocked();
			case "not_active" -> new NotActive();
			default -> new NotYours();
		};
	}

}
