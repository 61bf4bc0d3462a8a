package nl.uitweg.transport;

/** Checks message text the same way for visitors and counsellors. */
final class MessageText {

	private MessageText() {
	}

	static String check(String text, int maxLength) {
		if (text.isBlank()) {
			throw new FrameException(ErrorCodes.EMPTY_MESSAGE, "A message needs some text.");
		}
		if (text.codePointCount(0, text.length()) > maxLength) {
			throw new FrameException(ErrorCodes.MESSAGE_TOO_LONG,
					"A message may be at most " + maxLength + " characters.");
		}
		return text;
	}

}
