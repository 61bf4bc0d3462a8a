package nl.uitweg.platform;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * The indexes a module's collection needs, made at start-up (on the main thread, before
 * traffic). A MongoDB that is down then only delays them to the next start; it does not
 * stop this one, which runs on without them.
 */
public abstract class StartupIndexes implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StartupIndexes.class);

	private static final Duration LIMIT = Duration.ofSeconds(10);

	private final ReactiveMongoTemplate mongo;

	private final Class<?> collection;

	private volatile boolean running;

	protected StartupIndexes(ReactiveMongoTemplate mongo, Class<?> collection) {
		this.mongo = mongo;
		this.collection = collection;
	}

	/** The indexes of the collection, each named. */
	protected abstract List<Index> indexes();

	@Override
	public void start() {
		var operations = this.mongo.indexOps(this.collection);
		try {
			Flux.fromIterable(indexes()).concatMap(operations::createIndex).then().block(LIMIT);
		}
		catch (RuntimeException ex) {
			log.warn("Could not make the indexes of {} now: {}", this.collection.getSimpleName(), ex.toString());
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
