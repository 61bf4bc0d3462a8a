package nl.uitweg.queue;

import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.ConversationEnded;
import nl.uitweg.counsellor.CounsellorAvailable;
import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.Timers;

/**
 * Runs dispatch whenever something on this instance may have made an offer possible, and
 * on a short interval on every instance as a safety net, so that an instance dying
 * between an event and its dispatch leaves nobody waiting for long. Lapsed offers are
 * returned first, at most once per interval: an offer lapses after tens of seconds, so
 * looking for lapsed ones on every event would only put a round trip to Redis between a
 * counsellor coming free and their next offer (the surge benchmark's queue-assign time).
 */
@Component
class Dispatcher extends BackgroundLoop {

	private final QueueManagement queue;

	private final EventBus events;

	private final QueueProperties properties;

	private final Timers timers;

	private volatile long expiredAt = Long.MIN_VALUE / 2;

	Dispatcher(QueueManagement queue, EventBus events, QueueProperties properties, Timers timers) {
		this.queue = queue;
		this.events = events;
		this.properties = properties;
		this.timers = timers;
	}

	@Override
	protected Flux<?> loop() {
		Flux<Object> triggers = Flux.merge(this.events.on(VisitorQueued.class),
				this.events.on(CounsellorAvailable.class), this.events.on(ConversationEnded.class));
		Flux<Object> ticks = Flux.interval(this.properties.dispatchInterval(), this.timers.scheduler())
			.cast(Object.class);
		boolean automatic = this.properties.routing() == QueueProperties.Routing.AUTOMATIC;
		return passes(Flux.merge(triggers, ticks),
				() -> expireDue().thenMany(automatic ? this.queue.dispatch() : Flux.empty()).count(), "Dispatch pass");
	}

	/**
	 * Returns lapsed offers if the last look was an interval ago or more. Passes never
	 * overlap, so the time needs no lock.
	 */
	private Mono<Integer> expireDue() {
		long now = this.timers.scheduler().now(TimeUnit.MILLISECONDS);
		if (now - this.expiredAt < this.properties.dispatchInterval().toMillis()) {
			return Mono.empty();
		}
		this.expiredAt = now;
		return this.queue.expireOffers();
	}

}
