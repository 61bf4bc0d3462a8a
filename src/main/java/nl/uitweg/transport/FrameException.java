package nl.uitweg.transport;

/** An inbound frame that cannot be processed; answered with an {@code error} frame. */
class FrameException extends RuntimeException {

	private final String code;

	FrameException(String code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	String code() {
		return this.code;
	}

}
