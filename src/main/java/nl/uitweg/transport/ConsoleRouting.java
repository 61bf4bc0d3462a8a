package nl.uitweg.transport;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.counsellor.Availability;
import nl.uitweg.counsellor.CounsellorPresence;
import nl.uitweg.counsellor.StaffSessions;
import nl.uitweg.queue.HandoverResult;
import nl.uitweg.queue.QueueManagement;
import nl.uitweg.queue.TakeNextResult;

/**
 * The console frames about who handles what: availability, answering offers, manual
 * routing and handovers. Stateless; the connection carries the state.
 */
@Component
class ConsoleRouting {

	private static final String TO_QUEUE = "queue";

	private final CounsellorPresence presence;

	private final QueueManagement queue;

	private final StaffSessions sessions;

	ConsoleRouting(CounsellorPresence presence, QueueManagement queue, StaffSessions sessions) {
		this.presence = presence;
		this.queue = queue;
		this.sessions = sessions;
	}

	/**
	 * A console of an account that was disabled, or whose session ended, is closed
	 * instead of being made available (its sign-out notice may not have reached this
	 * instance); the presence script keeps a signed-out counsellor offline in any case.
	 */
	Mono<Void> availability(CounsellorConnection connection, Availability status) {
		Mono<Void> set = this.presence.setStatus(connection.username(), status)
			.doOnNext((standing) -> connection.out()
				.send(new OutboundFrame.Availability(standing.status().wire(), standing.capacity(), standing.load(),
						null)))
			.then();
		if (status != Availability.AVAILABLE) {
			return set;
		}
		return this.sessions.whySignedOut(connection.username(), connection.sessionId())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((refused) -> {
				if (refused.isPresent()) {
					connection.signedOut(refused.get().wire());
					return Mono.empty();
				}
				return set;
			});
	}

	/** An offer from dispatch or a handover from a colleague. */
	Mono<Void> accept(CounsellorConnection connection, String cid) {
		return this.queue.accept(cid, connection.username(), connection.account().displayName()).flatMap((accepted) -> {
			if (!accepted) {
				return Mono.error(FrameException.about(cid, ErrorCodes.OFFER_NOT_FOUND,
						"There is no open offer of this conversation for you (it may have lapsed)."));
			}
			assigned(connection, cid);
			return Mono.empty();
		});
	}

	Mono<Void> decline(CounsellorConnection connection, String cid) {
		return this.queue.decline(cid, connection.username())
			.flatMap((declined) -> declined ? Mono.<Void>empty() : Mono.error(FrameException.about(cid,
					ErrorCodes.OFFER_NOT_FOUND, "There is no open offer of this conversation for you.")));
	}

	/** Manual routing: takes the next waiting conversation at once. */
	Mono<Void> takeNext(CounsellorConnection connection) {
		return this.queue.takeNext(connection.username(), connection.account().displayName()).flatMap((result) -> {
			if (result instanceof TakeNextResult.Assigned taken) {
				assigned(connection, taken.conversationId());
				return Mono.<Void>empty();
			}
			return Mono.<Void>error((result instanceof TakeNextResult.AtCapacity)
					? new FrameException(ErrorCodes.AT_CAPACITY, "You are at your capacity.")
					: new FrameException(ErrorCodes.QUEUE_EMPTY, "Nobody is waiting."));
		});
	}

	/**
	 * Once per connection: the script's {@code assigned} notice (meant for the
	 * counsellor's other consoles) may reach this one before the reply to its own accept.
	 */
	private static void assigned(CounsellorConnection connection, String cid) {
		if (connection.streams().followIfNew(cid)) {
			connection.out().send(OutboundFrame.Assigned.toConsole(cid));
		}
	}

	/**
	 * Hands a conversation to the front of the queue or offers it to a named colleague.
	 */
	Mono<Void> transfer(CounsellorConnection connection, CounsellorFrame.Transfer transfer) {
		String cid = transfer.conversationId();
		String to = transfer.to();
		Mono<HandoverResult> step = TO_QUEUE.equals(to) ? this.queue.transferToQueue(cid, connection.username())
				: this.queue.offerTransfer(cid, connection.username(), connection.account().displayName(), to);
		return step.flatMap((result) -> {
			if (result.done()) {
				connection.out().send(new OutboundFrame.TransferRequested(cid, to));
				return Mono.<Void>empty();
			}
			return Mono.<Void>error(refusal(cid, result));
		});
	}

	private static FrameException refusal(String cid, HandoverResult result) {
		if (result instanceof HandoverResult.TransferPending) {
			return FrameException.about(cid, ErrorCodes.TRANSFER_PENDING,
					"A handover of this conversation is already waiting for an answer.");
		}
		if (result instanceof HandoverResult.ColleagueFull) {
			return FrameException.about(cid, ErrorCodes.COLLEAGUE_FULL,
					"That colleague has no room for another conversation.");
		}
		if (result instanceof HandoverResult.ColleagueUnavailable) {
			return FrameException.about(cid, ErrorCodes.COLLEAGUE_UNAVAILABLE,
					"That colleague is unknown or not signed in.");
		}
		return ConsoleChat.notYours(cid);
	}

}
