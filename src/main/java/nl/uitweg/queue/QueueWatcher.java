package nl.uitweg.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
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
 * instead of every connection polling Redis; a connection looks its place up in it. A
 * visitor who just joined asks for their own place by rank instead ({@link #placeNow}).
 * Estimated waits come from the recent service rate.
 */
@Service
public class QueueWatcher extends BackgroundLoop {

	private final ReactiveStringRedisTemplate redis;

	private final RedisChannels channels;

	private final QueueProperties properties;

	private final Clock clock;

	private final Timers timers;

	/** Where a conversation stands once it has left the queue for an offer. */
	private static final Place OFFERED = new Place(1, 0);

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

	/**
	 * One conversation's place in line right now, for a visitor who just joined (before
	 * the next shared refresh): a {@code ZRANK} and a {@code ZCOUNT}, both logarithmic,
	 * so a join neither reads the queue nor keeps anything that grows with it. A
	 * conversation no longer in the queue has been offered already: it is first in line,
	 * with no wait to speak of.
	 */
	public Mono<Place> placeNow(String conversationId) {
		Mono<Long> rank = this.redis.opsForZSet().rank(RedisKeys.QUEUE, conversationId);
		return Mono.zip(rank, servedInWindow(this.clock.millis())).map((t) -> {
			int position = Math.toIntExact(t.getT1() + 1);
			return new Place(position, QueueSnapshot.estimatedWaitSeconds(position, secondsPerPosition(t.getT2())));
		}).defaultIfEmpty(OFFERED);
	}

	/**
	 * Reads the whole queue for the shared snapshot. Only the refresh loop calls this:
	 * once per change or refresh for the instance, never once per connection.
	 */
	Mono<QueueSnapshot> read() {
		long now = this.clock.millis();
		Mono<Positions> queue = this.redis.opsForZSet()
			.rangeWithScores(RedisKeys.QUEUE, Range.unbounded())
			.collect(() -> new Positions(now), Positions::add);
		return Mono.zip(queue, servedInWindow(now)).map((t) -> t.getT1().snapshot(now, secondsPerPosition(t.getT2())));
	}

	private Mono<Long> servedInWindow(long now) {
		return this.redis.opsForZSet()
			.count(RedisKeys.SERVED,
					Range.closed((double) (now - this.properties.serviceWindow().toMillis()), (double) now));
	}

	/**
	 * Places in line, filled while the queue streams in, so no copy of the reply is kept
	 * next to the snapshot (a finished pass stays referenced until the next one).
	 */
	private static final class Positions {

		private final Map<String, Integer> positions = new HashMap<>();

		private long oldest;

		Positions(long now) {
			this.oldest = now;
		}

		void add(ZSetOperations.TypedTuple<String> entry) {
			String conversationId = entry.getValue();
			if (conversationId != null) {
				this.positions.put(conversationId, this.positions.size() + 1);
			}
			Double score = entry.getScore();
			if (score != null) {
				this.oldest = Math.min(this.oldest, arrival(score));
			}
		}

		QueueSnapshot snapshot(long now, double secondsPerPosition) {
			long longest = Math.max(0, (now - this.oldest) / 1000);
			return new QueueSnapshot(Collections.unmodifiableMap(this.positions), this.positions.size(), longest,
					secondsPerPosition);
		}

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
			.sample(this.properties.positionDebounce())
			.cast(Object.class)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10)));
		Flux<Object> refresh = Flux.interval(Duration.ZERO, this.properties.positionRefresh(), this.timers.scheduler())
			.cast(Object.class);
		Flux<Object> triggers = Flux.merge(changes, refresh)
			.filter((trigger) -> this.snapshots.currentSubscriberCount() > 0);
		return passes(triggers, this::read, "Queue snapshot").doOnNext(this.snapshots::tryEmitNext);
	}

}
