package nl.uitweg.transport;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.opening.Opening;
import nl.uitweg.visitor.AddressHashes;
import nl.uitweg.visitor.VisitorSession;
import nl.uitweg.visitor.VisitorSessions;

/**
 * Whether a visitor may start a conversation now: not when blocked (by session or by the
 * keyed hash of their address), not outside opening hours. Both get the same neutral
 * {@code closed} answer, so a blocked visitor learns nothing.
 */
@Component
class VisitorAdmission {

	private final VisitorSessions sessions;

	private final AddressHashes addresses;

	private final Opening opening;

	VisitorAdmission(VisitorSessions sessions, AddressHashes addresses, Opening opening) {
		this.sessions = sessions;
		this.addresses = addresses;
		this.opening = opening;
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
		return new OutboundFrame.Closed(nextOpening.map(Instant::toString).orElse(null),
				this.opening.alternatives()
					.stream()
					.map((a) -> new OutboundFrame.Closed.Alternative(a.name(), a.when()))
					.toList());
	}

}
