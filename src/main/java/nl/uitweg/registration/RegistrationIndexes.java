package nl.uitweg.registration;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The index the registration statistics need: every count of {@link RegistrationFigures}
 * filters on the start hour. Made at start-up (on the main thread, before traffic); a
 * MongoDB that is down then only delays it to the next start, it does not stop this one.
 */
@Component
class RegistrationIndexes implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RegistrationIndexes.class);

	private static final Duration LIMIT = Duration.ofSeconds(10);

	private final ReactiveMongoTemplate mongo;

	private volatile boolean running;

	RegistrationIndexes(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void start() {
		try {
			this.mongo.indexOps(Registration.class)
				.createIndex(new Index().on("startedHour", Sort.Direction.ASC).named("startedHour"))
				.then()
				.block(LIMIT);
		}
		catch (RuntimeException ex) {
			log.warn("Could not make the registration index now: {}", ex.toString());
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
