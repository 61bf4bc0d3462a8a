package nl.uitweg.opening;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.Timers;

/**
 * Whether the helpline is open now, from the schedule in MongoDB. Each instance keeps the
 * last schedule it read, so visitors can start a chat while MongoDB is unreachable (with
 * no schedule ever read, the helpline counts as open: nobody is turned away by an
 * outage).
 */
@Service
public class Opening extends BackgroundLoop {

	private final ReactiveMongoTemplate mongo;

	private final OpeningProperties properties;

	private final Clock clock;

	private final Timers timers;

	private volatile OpeningHours current = OpeningHours.alwaysOpenSchedule();

	Opening(ReactiveMongoTemplate mongo, OpeningProperties properties, Clock clock, Timers timers) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
		this.timers = timers;
	}

	/** Empty when open; otherwise when it opens next (if within four weeks). */
	public Optional<Optional<Instant>> closedUntil() {
		Instant now = this.clock.instant();
		OpeningHours hours = this.current;
		return hours.isOpen(now) ? Optional.empty() : Optional.of(hours.nextOpening(now));
	}

	public java.util.List<OpeningProperties.Alternative> alternatives() {
		return this.properties.alternativesOrDefault();
	}

	OpeningHours current() {
		return this.current;
	}

	Mono<OpeningHours> save(OpeningHours hours) {
		return this.mongo.save(hours).doOnNext((saved) -> this.current = saved);
	}

	Mono<OpeningHours> reload() {
		return this.mongo.findById(OpeningHours.ID, OpeningHours.class).doOnNext((read) -> this.current = read);
	}

	@Override
	protected Flux<?> loop() {
		return passes(Flux.interval(java.time.Duration.ZERO, this.properties.refresh(), this.timers.scheduler()),
				this::reload, "Reading the opening hours");
	}

}
