package nl.uitweg.transport;

/** The stable codes of WebSocket {@code error} frames (see docs/protocol.md). */
final class ErrorCodes {

	static final String INVALID_JSON = "invalid_json";

	static final String INVALID_FRAME = "invalid_frame";

	static final String UNKNOWN_TYPE = "unknown_type";

	static final String UNSUPPORTED_FRAME = "unsupported_frame";

	static final String HELLO_REQUIRED = "hello_required";

	static final String ALREADY_AUTHENTICATED = "already_authenticated";

	static final String INVALID_TOKEN = "invalid_token";

	static final String NO_CONVERSATION = "no_conversation";

	static final String NOT_YOUR_CONVERSATION = "not_your_conversation";

	static final String CONVERSATION_ENDED = "conversation_ended";

	static final String CONVERSATION_NOT_ACTIVE = "conversation_not_active";

	static final String EMPTY_MESSAGE = "empty_message";

	static final String MESSAGE_TOO_LONG = "message_too_long";

	static final String OFFER_NOT_FOUND = "offer_not_found";

	static final String TRANSFER_PENDING = "transfer_pending";

	static final String COLLEAGUE_UNAVAILABLE = "colleague_unavailable";

	static final String COLLEAGUE_FULL = "colleague_full";

	static final String QUEUE_EMPTY = "queue_empty";

	static final String AT_CAPACITY = "at_capacity";

	/**
	 * The sender sends faster than its limit; the frame was not taken (a message was not
	 * stored) and may be sent again after {@code retryAfterSeconds}.
	 */
	static final String RATE_LIMITED = "rate_limited";

	/** This side of the conversation has written as many messages as one log may hold. */
	static final String CONVERSATION_FULL = "conversation_full";

	/** A second {@code start} while the session's conversation is still open. */
	static final String CONVERSATION_OPEN = "conversation_open";

	/**
	 * A start asked for acute priority beyond the limit: it waits in the normal order.
	 */
	static final String ACUTE_PRIORITY_LIMITED = "acute_priority_limited";

	/** Redis stayed unreachable past the retry budget; the frame may be sent again. */
	static final String STORE_UNAVAILABLE = "store_unavailable";

	static final String INTERNAL_ERROR = "internal_error";

	private ErrorCodes() {
	}

}
