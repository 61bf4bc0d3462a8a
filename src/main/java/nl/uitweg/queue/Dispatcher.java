package nl.uitweg.queue;

import reactor.core.publisher.Flux;

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
 * returned first.
 */
@Component
class Dispatcher extends BackgroundLoop {

	private final QueueManagement queue;

	private final EventBus events;

	private final QueueProperties properties;

	private final Timers timers;

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
				() -> this.queue.expireOffers().thenMany(automatic ? this.queue.dispatch() : Flux.empty()).count(),
				"Dispatch pass");
	}

}
