package nl.uitweg.queue;

import java.util.List;

import nl.uitweg.conversation.ConversationStatus;

/** The outcome of asking to be queued (see {@code enqueue.lua}). */
public sealed interface EnqueueResult {

	/** A new conversation, now waiting. */
	record Queued(String conversationId) implements EnqueueResult {
	}

	/** The session already has an open conversation: that one stands. */
	record AlreadyOpen(String conversationId, ConversationStatus status) implements EnqueueResult {
	}

	/** The queue is at its maximum length; nothing was created. */
	record Full(long waiting) implements EnqueueResult {
	}

	/** The session has expired. */
	record NoSession() implements EnqueueResult {
	}

	static EnqueueResult of(List<Object> reply) {
		return switch (String.valueOf(reply.get(0))) {
			case "queued" -> new Queued(String.valueOf(reply.get(1)));
			case "exists" -> new AlreadyOpen(String.valueOf(reply.get(1)),
					ConversationStatus.fromWire(String.valueOf(reply.get(2))).orElse(ConversationStatus.QUEUED));
			case "full" -> new Full(Long.parseLong(String.valueOf(reply.get(1))));
			default -> new NoSession();
		};
	}

}
