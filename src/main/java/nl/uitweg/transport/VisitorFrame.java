package nl.uitweg.transport;

import nl.uitweg.conversation.Intake;

/** The frames a visitor sends on {@code /ws/visitor}, each read and checked once. */
sealed interface VisitorFrame extends InboundFrame {

	record Hello(String token, long lastSeq) implements VisitorFrame {
	}

	record Start(Intake intake) implements VisitorFrame {
	}

	record Message(String clientMsgId, String text) implements VisitorFrame {
	}

	record Typing(boolean active) implements VisitorFrame {
	}

	record Ack(long seq) implements VisitorFrame {
	}

	/** Quick exit. */
	record Leave() implements VisitorFrame {
	}

	/** "Did this help?": YES, PARTLY or NO. */
	record Feedback(String helped) implements VisitorFrame {
	}

}
