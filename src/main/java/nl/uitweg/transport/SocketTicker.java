package nl.uitweg.transport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.Timers;

/**
 * The instance's one clock for every open socket: an idle check every quarter of the idle
 * timeout and a ping every ping interval, each a pass over the sockets held here. Timers
 * per connection would cost every waiting visitor two scheduled tasks (and the
 * scheduler's queue two entries) for the socket's whole life.
 */
@Component
class SocketTicker extends BackgroundLoop {

	/** How many idle checks fit in one idle timeout: the close comes at most 1/4 late. */
	static final int CHECKS_PER_IDLE_TIMEOUT = 4;

	private final TransportProperties properties;

	private final Timers timers;

	private final Set<SocketGuard> guards = ConcurrentHashMap.newKeySet();

	SocketTicker(TransportProperties properties, Timers timers) {
		this.properties = properties;
		this.timers = timers;
	}

	void add(SocketGuard guard) {
		this.guards.add(guard);
	}

	void remove(SocketGuard guard) {
		this.guards.remove(guard);
	}

	@Override
	protected Flux<?> loop() {
		Duration check = this.properties.idleTimeout().dividedBy(CHECKS_PER_IDLE_TIMEOUT);
		Duration ping = this.properties.pingInterval();
		return Flux.merge(every(check, SocketGuard::checkIdle), every(ping, SocketGuard::ping));
	}

	private Flux<Long> every(Duration period, Consumer<SocketGuard> action) {
		// Dropped ticks are fine: a late pass does the same work as two.
		return Flux.interval(period, period, this.timers.scheduler())
			.onBackpressureDrop()
			.doOnNext((tick) -> this.guards.forEach(action));
	}

}
