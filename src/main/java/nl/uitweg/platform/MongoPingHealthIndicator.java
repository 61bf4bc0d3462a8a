package nl.uitweg.platform;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by {@code ping}, which both real MongoDB and mongo-java-server answer
 * (Boot's own indicator uses {@code hello}, which the embedded server does not know). The
 * bean name replaces Boot's indicator.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

	private final ReactiveMongoTemplate mongo;

	MongoPingHealthIndicator(ReactiveMongoTemplate mongo) {
		super("MongoDB health check failed");
		this.mongo = mongo;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return this.mongo.executeCommand(new Document("ping", 1)).map((answer) -> builder.up().build());
	}

}
