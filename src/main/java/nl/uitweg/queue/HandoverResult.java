package nl.uitweg.queue;

import java.util.List;

/** The outcome of one step of a handover (see {@code transfer.lua}). */
public sealed interface HandoverResult {

	/** The step happened. */
	record Done() implements HandoverResult {
	}

	/** Only the counsellor who has the active conversation can hand it over. */
	record NotYours() implements HandoverResult {
	}

	/** A handover of this conversation already waits for an answer. */
	record TransferPending() implements HandoverResult {
	}

	/** The colleague is unknown, signed out, or the one handing over. */
	record ColleagueUnavailable() implements HandoverResult {
	}

	/** The colleague has no room for another conversation. */
	record ColleagueFull() implements HandoverResult {
	}

	/** There is no handover of this conversation to answer. */
	record OfferNotFound() implements HandoverResult {
	}

	static HandoverResult of(List<Object> reply) {
		return switch (String.valueOf(reply.get(0))) {
			case "ok" -> new Done();
			case "not_yours" -> new NotYours();
			case "transfer_pending" -> new TransferPending();
			case "colleague_full" -> new ColleagueFull();
			case "colleague_unavailable" -> new ColleagueUnavailable();
			default -> new OfferNotFound();
		};
	}

	default boolean done() {
		return this instanceof Done;
	}

}
