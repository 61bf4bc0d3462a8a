package nl.uitweg.conversation;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The indexes the record queries need: statistics filter on the start hour, the pending
 * list on the counsellor. Made at start-up (on the main thread, before traffic); a
 * MongoDB that is down then only delays them to the next start, it does not stop this
 * one.
 */
@Component
class RecordIndexes implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RecordIndexes.class);

	private static final Duration LIMIT = Duration.ofSeconds(10);

	private final ReactiveMongoTemplate mongo;

	private volatile boolean running;

	RecordIndexes(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void start() {
		var indexes = this.mongo.indexOps(ConversationRecord.class);
		try {
			Flux.concat(indexes.createIndex(new Index().on("startedHour", Sort.Direction.ASC).named("startedHour")),
					indexes.createIndex(new Index().on("counsellor", Sort.Direction.ASC)
						.on("answered", Sort.Direction.ASC)
						.on("startedHour", Sort.Direction.DESC)
						.named("counsellor_answered_startedHour")))
				.then()
				.block(LIMIT);
		}
		catch (RuntimeException ex) {
			log.warn("Could not make the conversation record indexes now: {}", ex.toString());
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
