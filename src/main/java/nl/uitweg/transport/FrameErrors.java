package nl.uitweg.transport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;

import nl.uitweg.platform.StoreRetry;

/**
 * Turns every failure of one frame's handling into one {@code error} frame that names the
 * frame (its conversation and client message id), so a client knows what to send again.
 * The connection goes on.
 */
final class FrameErrors {

	private FrameErrors() {
	}

	static Mono<Void> answered(Mono<Void> handling, @Nullable InboundFrame frame, @Nullable String conversationId,
			Outbound out, Logger log, String who) {
		String conv = (frame != null && frame.conversationId() != null) ? frame.conversationId() : conversationId;
		String clientMsgId = (frame != null) ? frame.clientMsgId() : null;
		return handling.onErrorResume((ex) -> {
			out.send(refusal(ex, log, who).naming(conv, clientMsgId).frame());
			return Mono.empty();
		});
	}

	/**
	 * A received frame's handling runs to its end even if the socket closes meanwhile (an
	 * {@code ack} or a message already taken is then still stored; what it would send
	 * goes nowhere). Detached once done: {@code concatMap} keeps its last inner chain
	 * until the next frame, and a waiting visitor may send none for minutes.
	 */
	static Mono<Void> toTheEnd(Mono<Void> handling) {
		return Mono.fromFuture(handling.onTerminateDetach().toFuture(), true);
	}

	private static FrameException refusal(Throwable ex, Logger log, String who) {
		if (ex instanceof FrameException refused) {
			return refused;
		}
		if (StoreRetry.isTransient(ex)) {
			log.warn("{}: the store stayed unreachable for a frame ({})", who, ex.getClass().getSimpleName());
			return new FrameException(ErrorCodes.STORE_UNAVAILABLE,
					"We could not store this just now. Send it again in a moment.");
		}
		log.error("{} failed on a frame ({})", who, ex.getClass().getName(), ex);
		return new FrameException(ErrorCodes.INTERNAL_ERROR, "Something went wrong on our side. Please try again.");
	}

}
