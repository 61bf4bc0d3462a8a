package nl.uitweg.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.platform.Timers;

/**
 * Moves conversation metadata from the Redis outbox into MongoDB. The end of a
 * conversation writes its metadata to Redis atomically with the end itself; every
 * instance drains the outbox, writes are idempotent upserts by conversation id, and an
 * entry is removed only after MongoDB took it, so a MongoDB outage or an instance death
 * loses nothing and duplicates nothing.
 */
@Component
class MetadataOutbox extends BackgroundLoop {

	static final String COLLECTION = "conversations";

	private static final RedisScript<Long> REMOVE_IF_UNCHANGED = RedisScript.of(
			"if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0",
			Long.class);

	private static final int BATCH = 200;

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveMongoTemplate mongo;

	private final ConversationProperties properties;

	private final Timers timers;

	private final tools.jackson.databind.json.JsonMapper json;

	MetadataOutbox(ReactiveStringRedisTemplate redis, ReactiveMongoTemplate mongo, ConversationProperties properties,
			Timers timers, tools.jackson.databind.json.JsonMapper json) {
		this.redis = redis;
		this.mongo = mongo;
		this.properties = properties;
		this.timers = timers;
		this.json = json;
	}

	/** One pass over the outbox; returns how many entries reached MongoDB. */
	Mono<Long> drain() {
		return this.redis.<String, String>opsForHash()
			.scan(RedisKeys.OUTBOX, org.springframework.data.redis.core.ScanOptions.scanOptions().count(BATCH).build())
			.take(BATCH)
			.concatMap((entry) -> Mono.defer(() -> write(entry.getKey(), entry.getValue()))
				.thenMany(this.redis.execute(REMOVE_IF_UNCHANGED, List.of(RedisKeys.OUTBOX),
						List.of(entry.getKey(), entry.getValue())))
				.onErrorResume(tools.jackson.core.JacksonException.class,
						(ex) -> setAside(entry.getKey(), entry.getValue())))
			.count();
	}

	/**
	 * An entry that cannot be read can never be written; it moves to a hash of its own
	 * (same retention as any Redis data) instead of stalling every later pass. MongoDB
	 * being unreachable is not this case: that fails the pass, which is retried.
	 */
	private Mono<Long> setAside(String key, String value) {
		return this.redis.<String, String>opsForHash()
			.put(RedisKeys.OUTBOX + ":unreadable", key, value)
			.then(this.redis.execute(REMOVE_IF_UNCHANGED, List.of(RedisKeys.OUTBOX), List.of(key, value)).next());
	}

	/**
	 * Entries are keyed by conversation id, optionally with a "|part" suffix for later
	 * patches.
	 */
	@SuppressWarnings("unchecked")
	private Mono<Void> write(String entryKey, String metadataJson) {
		String conversationId = entryKey.split("\\|", 2)[0];
		Map<String, Object> fields = this.json.readValue(metadataJson, Map.class);
		Update update = new Update();
		fields.forEach((key, value) -> update.set(key, convert(key, value)));
		return this.mongo
			.upsert(Query.query(Criteria.where("_id").is(conversationId)), update, Document.class, COLLECTION)
			.then();
	}

	private static Object convert(String key, Object value) {
		if ("startedHour".equals(key) && value instanceof Number millis) {
			return java.util.Date.from(Instant.ofEpochMilli(millis.longValue()));
		}
		return value;
	}

	@Override
	protected Flux<?> loop() {
		return passes(Flux.interval(this.properties.outboxInterval(), this.timers.scheduler()), this::drain,
				"Metadata outbox (MongoDB unreachable?)");
	}

}
