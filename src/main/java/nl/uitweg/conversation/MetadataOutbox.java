package nl.uitweg.conversation;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
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

	private static final RedisScript<Long> REMOVE_IF_UNCHANGED = RedisScript.of(
			"if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0",
			Long.class);

	private static final int BATCH = 200;

	private static final String FEEDBACK = "feedback";

	private final ReactiveStringRedisTemplate redis;

	private final ConversationRecords records;

	private final ConversationProperties properties;

	private final Timers timers;

	private final JsonMapper json;

	MetadataOutbox(ReactiveStringRedisTemplate redis, ConversationRecords records, ConversationProperties properties,
			Timers timers, JsonMapper json) {
		this.redis = redis;
		this.records = records;
		this.properties = properties;
		this.timers = timers;
		this.json = json;
	}

	/** One pass over the outbox; returns how many entries reached MongoDB. */
	Mono<Long> drain() {
		return this.redis.<String, String>opsForHash()
			.scan(RedisKeys.OUTBOX, ScanOptions.scanOptions().count(BATCH).build())
			.take(BATCH)
			.concatMap((entry) -> Mono.defer(() -> write(entry.getKey(), entry.getValue()))
				.thenMany(this.redis.execute(REMOVE_IF_UNCHANGED, List.of(RedisKeys.OUTBOX),
						List.of(entry.getKey(), entry.getValue())))
				.onErrorResume(UnreadableEntry.class, (ex) -> setAside(entry.getKey(), entry.getValue())))
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
	 * Entries are keyed by conversation id: the metadata the end of the conversation
	 * wrote, and "id|feedback" for the visitor's feedback, which may come later.
	 */
	private Mono<Void> write(String entryKey, String value) {
		String[] key = entryKey.split("\\|", 2);
		if (key.length == 1) {
			return this.records.upsertEnded(read(value, Ended.class).toRecord(key[0]));
		}
		String feedback = FEEDBACK.equals(key[1]) ? read(value, Feedback.class).feedback() : null;
		if (feedback == null) {
			throw new UnreadableEntry();
		}
		return this.records.upsertFeedback(key[0], feedback);
	}

	/**
	 * Lua leaves out what it does not know, so a number it left out reads as 0 rather
	 * than making the whole entry unreadable.
	 */
	private <T> T read(String value, Class<T> type) {
		try {
			return this.json.readerFor(type)
				.without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
				.readValue(value);
		}
		catch (JacksonException ex) {
			throw new UnreadableEntry();
		}
	}

	@Override
	protected Flux<?> loop() {
		return passes(Flux.interval(this.properties.outboxInterval(), this.timers.scheduler()), this::drain,
				"Metadata outbox (MongoDB unreachable?)");
	}

	/**
	 * The metadata {@code end_conversation} in common.lua writes, with the hour in epoch
	 * milliseconds.
	 */
	record Ended(long startedHour, long waitedSeconds, long activeSeconds, boolean answered, String endReason,
			@Nullable String counsellor, @Nullable Intake intake, String campaign, int priorityBand, String locale,
			int requeues) {

		ConversationRecord toRecord(String id) {
			return new ConversationRecord(id, Instant.ofEpochMilli(this.startedHour), this.waitedSeconds,
					this.activeSeconds, this.answered, this.endReason, this.counsellor,
					(this.intake != null) ? this.intake : Intake.none(), this.campaign, this.priorityBand, this.locale,
					this.requeues, null);
		}

	}

	/** The patch {@code Conversations.recordFeedback} writes. */
	record Feedback(@Nullable String feedback) {
	}

	/** An entry that can never be written, however often it is tried. */
	private static final class UnreadableEntry extends RuntimeException {

		UnreadableEntry() {
			super(null, null, false, false);
		}

	}

}
