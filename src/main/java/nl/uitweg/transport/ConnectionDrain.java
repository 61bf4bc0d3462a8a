package nl.uitweg.transport;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import nl.uitweg.platform.Timers;

/**
 * What a stopping instance does before the web server's graceful shutdown: readiness goes
 * down (the load balancer stops sending), every socket is closed with 1012 so its client
 * reconnects to another instance and resumes there, and new sockets get the same answer.
 * The instance holds no conversation state of its own (it is all in Redis), so nothing
 * else needs handing over: a counsellor's console reconnects within its grace. The web
 * server's shutdown follows once the sockets are gone, or after
 * {@code uitweg.transport.drain-timeout}.
 */
@Component
class ConnectionDrain implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConnectionDrain.class);

	private static final Duration POLL = Duration.ofMillis(50);

	private final LiveSockets sockets;

	private final ApplicationEventPublisher events;

	private final Timers timers;

	private final Duration timeout;

	private volatile boolean running;

	ConnectionDrain(LiveSockets sockets, ApplicationEventPublisher events, Timers timers,
			TransportProperties properties) {
		this.sockets = sockets;
		this.events = events;
		this.timers = timers;
		this.timeout = properties.drainTimeout();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("Stopped asynchronously");
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		int open = this.sockets.count();
		this.sockets.drain();
		log.info("Shutting down: {} sockets told to reconnect elsewhere (1012)", open);
		Flux.interval(POLL, this.timers.scheduler())
			.takeUntil((tick) -> this.sockets.count() == 0)
			.take(this.timeout)
			.doFinally((signal) -> callback.run())
			.subscribe(null, (ex) -> log.debug("Drain ended early: {}", ex.toString()));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stopped before the web server's graceful shutdown (DEFAULT_PHASE - 1024), which
		// would otherwise wait for the sockets to end by themselves.
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

}
