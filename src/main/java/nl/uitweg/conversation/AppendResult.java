package nl.uitweg.conversation;

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

}
