package nl.uitweg.transport;

import java.util.List;

import nl.uitweg.counsellor.Availability;

/**
 * The frames a counsellor console sends on {@code /ws/counsellor}, read and checked once.
 */
sealed interface CounsellorFrame extends InboundFrame {

	record SetAvailability(Availability status) implements CounsellorFrame {
	}

	record Accept(String conversationId) implements CounsellorFrame {
	}

	record Decline(String conversationId) implements CounsellorFrame {
	}

	record Resume(List<Entry> conversations) implements CounsellorFrame {

		record Entry(String conversationId, long lastSeq) {
		}

	}

	record Message(String conversationId, String clientMsgId, String text) implements CounsellorFrame {
	}

	record Typing(String conversationId, boolean active) implements CounsellorFrame {
	}

	record Ack(String conversationId, long seq) implements CounsellorFrame {
	}

	/** To a colleague's username, or {@code queue}. */
	record Transfer(String conversationId, String to) implements CounsellorFrame {
	}

	record End(String conversationId) implements CounsellorFrame {
	}

	record Block(String conversationId) implements CounsellorFrame {
	}

	/** Manual routing: the next waiting conversation, now. */
	record TakeNext() implements CounsellorFrame {
	}

}
