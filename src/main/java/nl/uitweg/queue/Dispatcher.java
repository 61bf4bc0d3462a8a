package nl.uitweg.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import nl.uitweg.conversation.ConversationEnded;
import nl.uitweg.counsellor.CounsellorAvailable;
import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.Timers;

/**
 * Runs dispatch whenever something on this instance may have made an offer possible, and
 * on a short interval on every instance as a safety net, so that an instance dying
 * between an event and its dispatch leaves nobody waiting for long. Lapsed offers are
 * returned first.
 */
@Component
class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final QueueManagement queue;

	private final EventBus events;

	private final QueueProperties properties;

	private final Timers timers;

	private volatile Disposable running = Disposables.disposed();

	Dispatcher(QueueManagement queue, EventBus events, QueueProperties properties, Timers timers) {
		this.queue = queue;
		this.events = events;
		this.properties = properties;
		this.timers = timers;
	}

	@Override
	public void start() {
		Flux<Object> triggers = Flux.merge(this.events.on(VisitorQueued.class),
				this.events.on(CounsellorAvailable.class), this.events.on(ConversationEnded.class));
		Flux<Object> ticks = Flux.interval(this.properties.dispatchInterval(), this.timers.scheduler())
			.cast(Object.class);
		this.running = Flux.merge(triggers, ticks).onBackpressureLatest().concatMap((trigger) -> pass(), 1).subscribe();
	}

	private Mono<Long> pass() {
		return this.queue.expireOffers().thenMany(this.queue.dispatch()).count().onErrorResume((ex) -> {
			log.warn("Dispatch pass failed, retrying on the next tick: {}", ex.toString());
			return Mono.just(0L);
		});
	}

	@Override
	public void stop() {
		this.running.dispose();
	}

	@Override
	public boolean isRunning() {
		return !this.running.isDisposed();
	}

}
