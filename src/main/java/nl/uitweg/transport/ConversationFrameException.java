package nl.uitweg.transport;

/** A frame refused for one conversation; the error frame names it. */
class ConversationFrameException extends FrameException {

	private final String conversationId;

	ConversationFrameException(String code, String message, String conversationId) {
		super(code, message);
		this.conversationId = conversationId;
	}

	String conversationId() {
		return this.conversationId;
	}

}
