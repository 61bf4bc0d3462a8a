package nl.uitweg.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Token buckets shared by every instance (Bucket4j, compare-and-swap over Lettuce), so a
 * limit holds however the load balancer spreads the calls. A bucket lives in Redis under
 * {@link RedisKeys#rateLimit} only until it has refilled, and its subject is never an
 * address: callers pass a keyed hash, a session id or a username.
 * <p>
 * Calls on one bucket that overlap on an instance go to Redis as one batch (Bucket4j's
 * batching optimization on a proxy kept per bucket): without it, a burst of arrivals from
 * one address (a school, a carrier's shared address) made every call retry its
 * compare-and-swap against the others, which took a third of an instance's CPU in the
 * surge benchmark (docs/performance.md).
 * <p>
 * When Redis cannot answer within {@link #TIMEOUT} a limit lets the call through: the
 * call itself then meets the same outage and says so, and a visitor is never refused
 * because of a limit nobody could check.
 */
@Component
public class RateLimits implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

	static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final RedisUris uris;

	private final Clock clock;

	private volatile RedisConnections.Own<StatefulConnection<String, byte[]>> connection;

	private volatile AsyncProxyManager<String> buckets;

	private volatile boolean running;

	/** The proxies of recently used buckets, so overlapping calls can be batched. */
	private final java.util.Map<String, AsyncBucketProxy> proxies = java.util.Collections
		.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(java.util.Map.Entry<String, AsyncBucketProxy> eldest) {
				return size() > MAX_PROXIES;
			}
		});

	/** Buckets whose proxies are kept; a proxy is small and can be made again. */
	private static final int MAX_PROXIES = 10_000;

	RateLimits(DataRedisConnectionDetails details, DataRedisProperties properties, Clock clock) {
		this.uris = RedisUris.of(details, properties);
		this.clock = clock;
	}

	/**
	 * A limit: at most {@code capacity} takes per {@code period}, refilled smoothly.
	 *
	 * @param name names the bucket family in Redis and in logs
	 */
	public record Limit(String name, long capacity, Duration period) {

		public Limit {
			if (capacity < 1 || period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("A limit needs a capacity and a period: " + name);
			}
		}

		BucketConfiguration configuration() {
			return BucketConfiguration.builder()
				.addLimit((bandwidth) -> bandwidth.capacity(this.capacity).refillGreedy(this.capacity, this.period))
				.build();
		}

	}

	/**
	 * The answer of a limit.
	 *
	 * @param allowed whether the call may go ahead
	 * @param retryAfter when a refused call may be tried again (zero when allowed)
	 */
	public record Decision(boolean allowed, Duration retryAfter) {

		static final Decision ALLOWED = new Decision(true, Duration.ZERO);

		/** Whole seconds to wait, at least one: what a client is told. */
		public long retryAfterSeconds() {
			return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
		}

	}

	/** Takes one token from the subject's bucket. */
	public Mono<Decision> take(Limit limit, String subject) {
		return call(limit, subject,
				(bucket) -> Mono.fromFuture(bucket.tryConsumeAndReturnRemaining(1))
					.map((probe) -> probe.isConsumed() ? Decision.ALLOWED
							: new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()))));
	}

	/** Whether a take would succeed now, without taking (for a lockout checked first). */
	public Mono<Decision> peek(Limit limit, String subject) {
		return call(limit, subject,
				(bucket) -> Mono.fromFuture(bucket.estimateAbilityToConsume(1))
					.map((probe) -> probe.canBeConsumed() ? Decision.ALLOWED
							: new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()))));
	}

	/** Forgets the subject's bucket (after a successful sign-in, for example). */
	public Mono<Void> reset(Limit limit, String subject) {
		AsyncProxyManager<String> manager = this.buckets;
		if (manager == null) {
			return Mono.empty();
		}
		String key = RedisKeys.rateLimit(limit.name(), subject);
		this.proxies.remove(key);
		return Mono.fromFuture(() -> manager.removeProxy(key)).timeout(TIMEOUT).onErrorResume((ex) -> Mono.empty());
	}

	private Mono<Decision> call(Limit limit, String subject, Function<AsyncBucketProxy, Mono<Decision>> action) {
		return Mono.defer(() -> {
			AsyncProxyManager<String> manager = this.buckets;
			if (manager == null) {
				return Mono.just(Decision.ALLOWED);
			}
			Supplier<CompletableFuture<BucketConfiguration>> configuration = () -> CompletableFuture
				.completedFuture(limit.configuration());
			String key = RedisKeys.rateLimit(limit.name(), subject);
			AsyncBucketProxy bucket = this.proxies.computeIfAbsent(key,
					(k) -> manager.builder().withOptimization(Optimizations.batching()).build(k, configuration));
			return action.apply(bucket);
		}).timeout(TIMEOUT).onErrorResume((ex) -> {
			log.warn("Limit {} not checked: {}", limit.name(), ex.toString());
			return Mono.just(Decision.ALLOWED);
		});
	}

	@Override
	public void start() {
		this.connection = RedisConnections.commands(this.uris,
				RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
		// Bucket4j's script touches the bucket's one key, so it runs on a cluster too.
		StatefulConnection<String, byte[]> opened = this.connection.connection();
		this.buckets = ((opened instanceof StatefulRedisClusterConnection<String, byte[]> cluster)
				? Bucket4jLettuce.casBasedBuilder(cluster)
				: Bucket4jLettuce.casBasedBuilder((StatefulRedisConnection<String, byte[]>) opened))
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
			.clientClock(new ClockTimeMeter(this.clock))
			.build()
			.asAsync();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.buckets = null;
		this.proxies.clear();
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// With the pub/sub connection: before everything that takes a token.
		return Integer.MIN_VALUE + 1000;
	}

	/** The application's clock, so tests on virtual time move the buckets too. */
	private record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			return Math.multiplyExact(this.clock.millis(), 1_000_000L);
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
