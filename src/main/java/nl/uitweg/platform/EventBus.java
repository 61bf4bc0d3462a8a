package nl.uitweg.platform;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * In-JVM bus for domain events between modules. Cross-instance events travel over Redis;
 * this bus only tells the modules of one instance what just happened here.
 */
@Component
public class EventBus {

	private final Sinks.Many<Object> sink = Sinks.many().multicast().directBestEffort();

	public void publish(Object event) {
		synchronized (this.sink) {
			this.sink.tryEmitNext(event);
		}
	}

	public <T> Flux<T> on(Class<T> type) {
		return this.sink.asFlux().ofType(type);
	}

}
