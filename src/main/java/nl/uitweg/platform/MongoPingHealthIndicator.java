package nl.uitweg.platform;

import java.time.Duration;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by {@code ping}, which both real MongoDB and mongo-java-server answer
 * (Boot's own indicator uses {@code hello}, which the embedded server does not know). The
 * bean name replaces Boot's indicator. Without MongoDB the chat goes on and metadata
 * waits in Redis, so an unreachable MongoDB makes the instance {@code DEGRADED}, not
 * down.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator implements ReactiveHealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "MongoDB unreachable; metadata is kept in Redis");

	private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

	private final ReactiveMongoTemplate mongo;

	private final ReactiveStringRedisTemplate redis;

	MongoPingHealthIndicator(ReactiveMongoTemplate mongo, ReactiveStringRedisTemplate redis) {
		this.mongo = mongo;
		this.redis = redis;
	}

	@Override
	public Mono<Health> health() {
		return this.mongo.executeCommand(new Document("ping", 1))
			.timeout(PING_TIMEOUT)
			.map((answer) -> Health.up().build())
			.onErrorResume((ex) -> this.redis.opsForHash()
				.size(RedisKeys.OUTBOX)
				.onErrorReturn(-1L)
				.map((waiting) -> Health.status(DEGRADED).withDetail("metadataWaiting", waiting).build()));
	}

}
