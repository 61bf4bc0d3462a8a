package nl.uitweg.transport;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.Intake;
import nl.uitweg.opening.Opening;
import nl.uitweg.platform.RateLimits;
import nl.uitweg.queue.QueueLimits;
import nl.uitweg.visitor.AddressHashes;
import nl.uitweg.visitor.VisitorSession;
import nl.uitweg.visitor.VisitorSessions;

/**
 * Whether a visitor may start a conversation now: not when blocked (by session or by the
 * keyed hash of their address), not outside opening hours. Both get the same neutral
 * {@code closed} answer, so a blocked visitor learns nothing. Also whether a start may
 * have the acute priority it asks for.
 */
@Component
class VisitorAdmission {

	private final VisitorSessions sessions;

	private final AddressHashes addresses;

	private final Opening opening;

	private final RateLimits rateLimits;

	private final RateLimits.Limit acuteStarts;

	private final QueueLimits queueLimits;

	VisitorAdmission(VisitorSessions sessions, AddressHashes addresses, Opening opening, RateLimits rateLimits,
			QueueLimits queueLimits) {
		this.sessions = sessions;
		this.addresses = addresses;
		this.opening = opening;
		this.rateLimits = rateLimits;
		this.queueLimits = queueLimits;
		this.acuteStarts = new RateLimits.Limit("acute-starts", queueLimits.acuteStarts(),
				queueLimits.acuteStartsPeriod());
	}

	/** Empty when the visitor may start; otherwise the frame to answer with. */
	Mono<Optional<OutboundFrame.Closed>> check(VisitorSession session, @Nullable InetAddress address) {
		return blocked(session, address).map((blocked) -> {
			if (blocked) {
				return Optional.of(closed(Optional.empty()));
			}
			return this.opening.closedUntil().map(this::closed);
		});
	}

	/**
	 * False when a start asking for acute priority is over the limit of its keyed address
	 * hash. It then still starts, in the normal order: nobody who says they are in danger
	 * is turned away, but acute danger cannot be used to jump the line over and over.
	 */
	Mono<Boolean> acutePriority(VisitorSession session, @Nullable InetAddress address, Intake intake) {
		if (!Boolean.TRUE.equals(intake.acuteDanger())) {
			return Mono.just(true);
		}
		Mono<String> subject = (address != null) ? this.addresses.current(address)
				: Mono.just("session:" + session.sessionId());
		return subject.flatMap((hash) -> this.rateLimits.take(this.acuteStarts, hash))
			.map(RateLimits.Decision::allowed);
	}

	/**
	 * The honest answer when the queue is full: try again later, or call one of these.
	 */
	OutboundFrame.Closed full() {
		return new OutboundFrame.Closed(null, alternatives(), "full", this.queueLimits.fullRetryAfter().toSeconds());
	}

	/** The system message to a visitor whose acute priority was not given. */
	String acuteLimitedNotice(VisitorSession session) {
		return this.queueLimits.acuteLimited(session.locale());
	}

	/** Keeps the keyed hash of the address with the session, so a block can cover it. */
	Mono<Void> rememberAddress(VisitorSession session, @Nullable InetAddress address) {
		return (address == null) ? Mono.empty()
				: this.addresses.current(address).flatMap((hash) -> this.sessions.recordAddress(session, hash));
	}

	/** A blocked session, or an address blocked under today's or yesterday's key. */
	private Mono<Boolean> blocked(VisitorSession session, @Nullable InetAddress address) {
		Mono<Boolean> byAddress = (address == null) ? Mono.just(false) : this.addresses.blocked(address);
		return this.sessions.blocked(session).flatMap((bySession) -> bySession ? Mono.just(true) : byAddress);
	}

	private OutboundFrame.Closed closed(Optional<Instant> nextOpening) {
		return new OutboundFrame.Closed(nextOpening.map(Instant::toString).orElse(null), alternatives(), null, null);
	}

	private List<OutboundFrame.Closed.Alternative> alternatives() {
		return this.opening.alternatives()
			.stream()
			.map((a) -> new OutboundFrame.Closed.Alternative(a.name(), a.when()))
			.toList();
	}

}
