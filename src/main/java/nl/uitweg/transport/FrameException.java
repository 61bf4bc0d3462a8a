package nl.uitweg.transport;

import org.jspecify.annotations.Nullable;

/**
 * An inbound frame that cannot be processed; answered with an {@code error} frame that
 * names the frame's conversation and client message id where it has them.
 */
class FrameException extends RuntimeException {

	private final String code;

	private final @Nullable String conversationId;

	private final @Nullable String clientMsgId;

	private final @Nullable Long retryAfterSeconds;

	FrameException(String code, String message) {
		this(code, message, null, null);
	}

	FrameException(String code, String message, @Nullable String conversationId, @Nullable String clientMsgId) {
		this(code, message, conversationId, clientMsgId, null);
	}

	private FrameException(String code, String message, @Nullable String conversationId, @Nullable String clientMsgId,
			@Nullable Long retryAfterSeconds) {
		super(message, null, false, false);
		this.code = code;
		this.conversationId = conversationId;
		this.clientMsgId = clientMsgId;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/** A limit refused the frame; it may be sent again after the wait. */
	static FrameException rateLimited(String message, long retryAfterSeconds) {
		return new FrameException(ErrorCodes.RATE_LIMITED, message, null, null, retryAfterSeconds);
	}

	/** A message over its sender's rate (checked in {@code append.lua}), not stored. */
	static FrameException sendingTooFast(long retryAfterSeconds) {
		return rateLimited("You are sending messages very fast. This one was not sent; send it again in a moment.",
				retryAfterSeconds);
	}

	/** For one conversation. */
	static FrameException about(String conversationId, String code, String message) {
		return new FrameException(code, message, conversationId, null);
	}

	/** The same refusal, naming the frame it is about (what it names already stays). */
	FrameException naming(@Nullable String conversationId, @Nullable String clientMsgId) {
		return new FrameException(this.code, getMessage(),
				(this.conversationId != null) ? this.conversationId : conversationId,
				(this.clientMsgId != null) ? this.clientMsgId : clientMsgId, this.retryAfterSeconds);
	}

	/** The {@code error} frame that answers it. */
	OutboundFrame.Error frame() {
		return new OutboundFrame.Error(this.code, String.valueOf(getMessage()), this.conversationId, this.clientMsgId,
				this.retryAfterSeconds);
	}

	String code() {
		return this.code;
	}

	@Nullable String conversationId() {
		return this.conversationId;
	}

	@Nullable String clientMsgId() {
		return this.clientMsgId;
	}

	@Nullable Long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
