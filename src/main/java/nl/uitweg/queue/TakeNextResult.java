package nl.uitweg.queue;

import java.util.List;

/** The outcome of a counsellor taking the next waiting conversation (manual routing). */
public sealed interface TakeNextResult {

	record Assigned(String conversationId) implements TakeNextResult {
	}

	record QueueEmpty() implements TakeNextResult {
	}

	record AtCapacity() implements TakeNextResult {
	}

	record NotSignedIn() implements TakeNextResult {
	}

	/** Maps the reply of {@code take-next.lua}. */
	static TakeNextResult of(List<Object> reply) {
		return switch (String.valueOf(reply.get(0))) {
			case "ok" -> new Assigned(String.valueOf(reply.get(1)));
			case "at_capacity" -> new AtCapacity();
			case "not_signed_in" -> new NotSignedIn();
			default -> new QueueEmpty();
		};
	}

}
