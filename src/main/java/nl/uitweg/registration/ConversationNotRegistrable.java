package nl.uitweg.registration;

import nl.uitweg.platform.DomainException;

/** The conversation cannot be registered by this caller, now or ever. */
final class ConversationNotRegistrable extends DomainException {

	/** Why not, each with its own code. */
	enum Reason {

		NOT_FOUND(Kind.NOT_FOUND, "conversation_not_found", "There is no such conversation."),

		OPEN(Kind.CONFLICT, "conversation_open", "Register a conversation after it has ended."),

		/** Ended, but its metadata is still in the outbox on its way to MongoDB. */
		NOT_STORED_YET(Kind.CONFLICT, "conversation_not_stored_yet",
				"The conversation just ended; try again in a moment."),

		NOT_YOURS(Kind.FORBIDDEN, "not_your_conversation",
				"Only the counsellor who had this conversation registers it.");

		private final Kind kind;

		private final String code;

		private final String detail;

		Reason(Kind kind, String code, String detail) {
			this.kind = kind;
			this.code = code;
			this.detail = detail;
		}

	}

	private final Reason reason;

	ConversationNotRegistrable(Reason reason) {
		super(reason.kind, reason.code, reason.detail);
		this.reason = reason;
	}

	Reason reason() {
		return this.reason;
	}

}
