package nl.uitweg.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.RedisKeys;

/**
 * The queue's figures for the live monitor, each a handful of cheap Redis reads (counts
 * and ranks, never the whole queue): who waits with which priority, the longest wait, and
 * what came in, was answered or was abandoned in a recent window.
 */
@Service
public class QueueMetrics {

	private static final double BAND = RedisKeys.QUEUE_BAND_WIDTH;

	/** Put back at the front: negative scores. */
	private static final Range<Double> RETURNING = Range.of(Range.Bound.unbounded(), Range.Bound.exclusive(0.0));

	private static final Range<Double> ACUTE = Range.rightOpen(0.0, BAND);

	private static final Range<Double> NORMAL = Range.of(Range.Bound.inclusive(BAND), Range.Bound.unbounded());

	private final ReactiveStringRedisTemplate redis;

	private final Clock clock;

	QueueMetrics(ReactiveStringRedisTemplate redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
	}

	/**
	 * The waiting line now.
	 *
	 * @param returning put back at the front of the queue
	 * @param acute queued with acute danger
	 * @param normal everyone else in the queue
	 * @param offered offered to a counsellor, not yet accepted
	 * @param longestWaitMillis the longest current wait, queue and offers together
	 */
	public record Load(long returning, long acute, long normal, long offered, long longestWaitMillis) {
	}

	/**
	 * A recent window.
	 *
	 * @param arrivals visitors who asked for help
	 * @param answered first answers
	 * @param abandoned ended before anyone answered
	 * @param waitsMillis the wait of each answer
	 */
	public record Activity(long arrivals, long answered, long abandoned, List<Long> waitsMillis) {
	}

	public Mono<Load> load() {
		long now = this.clock.millis();
		Mono<Long> returning = count(RETURNING);
		Mono<Long> acute = count(ACUTE);
		Mono<Long> normal = count(NORMAL);
		Mono<Long> offered = this.redis.opsForZSet().size(RedisKeys.OFFERS);
		return Mono.zip(returning, acute, normal, offered, oldestArrival(now))
			.map((t) -> new Load(t.getT1(), t.getT2(), t.getT3(), t.getT4(), Math.max(0, now - t.getT5())));
	}

	private Mono<Long> count(Range<Double> scores) {
		return this.redis.opsForZSet().count(RedisKeys.QUEUE, scores);
	}

	/**
	 * The earliest arrival among the waiting: the head of each band of the queue, and
	 * every open offer (few: at most the counsellors' capacity).
	 */
	private Mono<Long> oldestArrival(long now) {
		Flux<Long> heads = Flux.just(RETURNING, ACUTE, NORMAL)
			.concatMap((band) -> this.redis.opsForZSet()
				.rangeByScoreWithScores(RedisKeys.QUEUE, band, Limit.limit().count(1))
				.mapNotNull((tuple) -> (tuple.getScore() != null) ? QueueWatcher.arrival(tuple.getScore()) : null));
		Flux<Long> offers = this.redis.opsForZSet()
			.range(RedisKeys.OFFERS, Range.unbounded())
			.concatMap((cid) -> this.redis.<String, String>opsForHash().get(RedisKeys.conversation(cid), "queuedAt"))
			.map(Long::parseLong);
		return Flux.concat(heads, offers).reduce(now, Math::min);
	}

	/** What happened in the last {@code window} (at most the hour the live sets keep). */
	public Mono<Activity> activity(Duration window) {
		long now = this.clock.millis();
		Range<Double> since = Range.of(Range.Bound.inclusive((double) (now - window.toMillis())),
				Range.Bound.unbounded());
		Mono<Long> arrivals = this.redis.opsForZSet().count(RedisKeys.LIVE_ARRIVALS, since);
		Mono<Long> abandoned = this.redis.opsForZSet().count(RedisKeys.LIVE_ABANDONED, since);
		Mono<List<Long>> waits = this.redis.opsForZSet()
			.rangeByScore(RedisKeys.LIVE_ANSWERS, since)
			.map((member) -> Long.parseLong(member.substring(member.lastIndexOf(':') + 1)))
			.collectList();
		return Mono.zip(arrivals, abandoned, waits)
			.map((t) -> new Activity(t.getT1(), t.getT3().size(), t.getT2(), t.getT3()));
	}

}
