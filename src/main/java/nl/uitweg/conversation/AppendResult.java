package nl.uitweg.conversation;

import java.util.List;

/** The outcome of appending a message to a conversation. */
public sealed interface AppendResult {

	/** Durably in the log under this seq (also for a resent client message id). */
	record Accepted(long seq) implements AppendResult {
	}

	/** The conversation does not exist (any more). */
	record NotFound() implements AppendResult {
	}

	/** The conversation belongs to somebody else. */
	record NotYours() implements AppendResult {
	}

	/** The conversation is over, or (for a counsellor) not yet accepted. */
	record NotOpen() implements AppendResult {
	}

	/** The sender's side of the log holds as many messages as it may; not stored. */
	record Full() implements AppendResult {
	}

	/**
	 * The sender sends faster than their rate allows; not stored, and no token taken, so
	 * the same client message id may be sent again after the wait.
	 */
	record RateLimited(long retryAfterSeconds) implements AppendResult {
	}

	/** Maps the reply of {@code append.lua}. */
	static AppendResult of(List<Object> reply) {
		return switch (String.valueOf(reply.get(0))) {
			case "ok", "duplicate" -> new Accepted(Long.parseLong(String.valueOf(reply.get(1))));
			case "not_yours" -> new NotYours();
			case "not_found" -> new NotFound();
			case "full" -> new Full();
			case "rate_limited" -> new RateLimited(Long.parseLong(String.valueOf(reply.get(1))));
			default -> new NotOpen();
		};
	}

}
