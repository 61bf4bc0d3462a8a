package nl.uitweg.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.RedisChannels;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.platform.Timers;

/**
 * Reads the whole queue once per change (debounced) or refresh interval and shares that
 * one snapshot with every waiting visitor and counsellor connected to this instance,
 * instead of every connection polling Redis. Estimated waits come from the recent service
 * rate.
 */
@Service
public class QueueWatcher extends BackgroundLoop {

	private static final Duration DEBOUNCE = Duration.ofMillis(200);

	private final ReactiveStringRedisTemplate redis;

	private final RedisChannels channels;

	private final QueueProperties properties;

	private final Clock clock;

	private final Timers timers;

	private final Sinks.Many<QueueSnapshot> snapshots = Sinks.many().replay().latest();

	QueueWatcher(ReactiveStringRedisTemplate redis, RedisChannels channels, QueueProperties properties, Clock clock,
			Timers timers) {
		this.redis = redis;
		this.channels = channels;
		this.properties = properties;
		this.clock = clock;
		this.timers = timers;
	}

	/** Snapshots as they are read; the latest one first. */
	public Flux<QueueSnapshot> snapshots() {
		return this.snapshots.asFlux();
	}

	/** Place in line and estimate for one conversation, while it waits. */
	public Flux<Place> place(String conversationId) {
		return snapshots().mapNotNull((snapshot) -> placeIn(snapshot, conversationId)).distinctUntilChanged();
	}

	/** A waiting visitor's place and rough wait. */
	public record Place(int position, long estimatedWaitSeconds) {
	}

	private static @Nullable Place placeIn(QueueSnapshot snapshot, String conversationId) {
		Integer position = snapshot.positions().get(conversationId);
		return (position != null) ? new Place(position, snapshot.estimatedWaitSeconds(position)) : null;
	}

	/** Reads the queue now (used right after joining, before the next shared refresh). */
	public Mono<QueueSnapshot> read() {
		long now = this.clock.millis();
		Mono<java.util.List<ZSetOperations.TypedTuple<String>>> queue = this.redis.opsForZSet()
			.rangeWithScores(RedisKeys.QUEUE, Range.unbounded())
			.collectList();
		Mono<Long> served = this.redis.opsForZSet()
			.count(RedisKeys.SERVED,
					Range.closed((double) (now - this.properties.serviceWindow().toMillis()), (double) now));
		return Mono.zip(queue, served).map((t) -> {
			Map<String, Integer> positions = new HashMap<>(t.getT1().size() * 2);
			long oldest = now;
			int position = 0;
			for (ZSetOperations.TypedTuple<String> entry : t.getT1()) {
				positions.put(entry.getValue(), ++position);
				double score = (entry.getScore() != null) ? entry.getScore() : now;
				oldest = Math.min(oldest, arrival(score));
			}
			long longest = Math.max(0, (now - oldest) / 1000);
			return new QueueSnapshot(positions, positions.size(), longest, secondsPerPosition(t.getT2()));
		});
	}

	/**
	 * Arrival time from a queue score (band * width + arrival; negative for the front).
	 */
	static long arrival(double score) {
		double w = RedisKeys.QUEUE_BAND_WIDTH;
		return (long) (((score % w) + w) % w);
	}

	private double secondsPerPosition(long servedInWindow) {
		if (servedInWindow < this.properties.minimumSamples()) {
			return this.properties.fallbackSecondsPerPosition();
		}
		return (double) this.properties.serviceWindow().toSeconds() / servedInWindow;
	}

	@Override
	protected Flux<?> loop() {
		Flux<Object> changes = this.channels.receive(RedisKeys.QUEUE_CHANNEL)
			.sample(DEBOUNCE)
			.cast(Object.class)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10)));
		Flux<Object> refresh = Flux.interval(Duration.ZERO, this.properties.positionRefresh(), this.timers.scheduler())
			.cast(Object.class);
		Flux<Object> triggers = Flux.merge(changes, refresh)
			.filter((trigger) -> this.snapshots.currentSubscriberCount() > 0);
		return passes(triggers, this::read, "Queue snapshot").doOnNext(this.snapshots::tryEmitNext);
	}

}
