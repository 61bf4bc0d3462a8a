package nl.uitweg.platform;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;

/**
 * Keeps what has expired in Redis (message text, the daily address secrets) from living
 * on in Redis's files. An expired key leaves memory, but the append-only file keeps the
 * commands that wrote it, and a snapshot keeps its value, until Redis rewrites them; on
 * its own Redis rewrites the append-only file only when it has doubled. So one instance
 * at a time (a claim in Redis) scrubs every {@code uitweg.privacy.rewrite-interval}:
 * <ol>
 * <li>it visits every application key with SCAN, which deletes keys whose time is up but
 * that Redis's background expiry has not reached yet (a rewrite would copy those);</li>
 * <li>it asks for a new snapshot (BGSAVE) when snapshots are configured;</li>
 * <li>it asks for an append-only file rewrite (BGREWRITEAOF) when the file is on; Redis
 * replaces the old file (6.x) or deletes the old base and increment files once the new
 * ones are in the manifest (7.x multi-part files).</li>
 * </ol>
 * Steps 2 and 3 go to every server that keeps files: the one Redis (behind a sentinel,
 * the primary), or each reachable node of a cluster, replicas included
 * ({@link RedisServers}). A server that refuses these commands (managed Redis often
 * renames them) gets one warning; the bound in operations.md then depends on that
 * service.
 */
@Component
public class RedisPersistenceScrubber extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(RedisPersistenceScrubber.class);

	/** SCAN's hint of keys per round trip: few round trips, no long server pauses. */
	private static final long SCAN_BATCH = 1000;

	private final ReactiveStringRedisTemplate redis;

	private final PrivacyProperties properties;

	private final Timers timers;

	private final String instance = UUID.randomUUID().toString();

	/** Refusals already warned about, so a managed Redis does not fill the log. */
	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	RedisPersistenceScrubber(ReactiveStringRedisTemplate redis, PrivacyProperties properties, Timers timers) {
		this.redis = redis;
		this.properties = properties;
		this.timers = timers;
	}

	/**
	 * What one scrub did.
	 *
	 * @param keysVisited application keys SCAN returned (expired ones are deleted on the
	 * way and not counted)
	 * @param snapshot whether a new snapshot was started or scheduled
	 * @param rewrite whether an append-only file rewrite was started or scheduled
	 * @param busy whether Redis was already saving or rewriting, so this scrub should be
	 * repeated soon
	 */
	public record Outcome(long keysVisited, boolean snapshot, boolean rewrite, boolean busy) {
	}

	/** Redis's persistence as it runs now. */
	private record Persistence(boolean appendOnly, boolean snapshots) {
	}

	/**
	 * One scrub now, whether or not another instance has the claim (the loop calls it for
	 * the claim holder; tests and operators can call it at will).
	 */
	public Mono<Outcome> scrub() {
		return expireDueKeys()
			.flatMap((visited) -> this.redis.execute((connection) -> RedisServers.of(connection).concatMap(this::scrub))
				.reduce(new Outcome(visited, false, false, false), (all, one) -> new Outcome(visited,
						all.snapshot() || one.snapshot(), all.rewrite() || one.rewrite(), all.busy() || one.busy())));
	}

	/** One server's files: a cluster has several servers, each with files of its own. */
	private Mono<Outcome> scrub(RedisServers.Server server) {
		return persistence(server).flatMap((persistence) -> {
			Mono<Result> snapshot = persistence.snapshots() ? run("BGSAVE", server.bgSave())
					: Mono.just(Result.SKIPPED);
			Mono<Result> rewrite = persistence.appendOnly() ? run("BGREWRITEAOF", server.bgReWriteAof())
					: Mono.just(Result.SKIPPED);
			// The snapshot first: a rewrite asked for during a save is scheduled
			// after it, while a save asked for during a rewrite is refused.
			return snapshot.zipWhen((saved) -> rewrite, (saved, rewritten) -> new Outcome(0, saved == Result.DONE,
					rewritten == Result.DONE, saved == Result.BUSY || rewritten == Result.BUSY));
		});
	}

	private Mono<Long> expireDueKeys() {
		return this.redis.scan(ScanOptions.scanOptions().match("{uw}:*").count(SCAN_BATCH).build()).count();
	}

	private Mono<Persistence> persistence(RedisServers.Server server) {
		Mono<Boolean> appendOnly = server.info("persistence")
			.map((info) -> "1".equals(info.getProperty("aof_enabled")));
		Mono<Boolean> snapshots = server.getConfig("save")
			.map((config) -> !config.getProperty("save", "").isBlank())
			.onErrorResume((ex) -> {
				// Without CONFIG we cannot tell; a fresh snapshot can only replace
				// an older one that may hold expired text.
				warnOnce("CONFIG", ex);
				return Mono.just(true);
			});
		return Mono.zip(appendOnly, snapshots, Persistence::new);
	}

	private enum Result {

		DONE, SKIPPED, BUSY, REFUSED

	}

	private Mono<Result> run(String command, Mono<String> call) {
		return call.map((reply) -> Result.DONE).onErrorResume((ex) -> {
			if (reply(ex).contains("in progress")) {
				log.debug("{} not started: Redis is already saving or rewriting", command);
				return Mono.just(Result.BUSY);
			}
			warnOnce(command, ex);
			return Mono.just(Result.REFUSED);
		});
	}

	/** Redis's own error reply, under Spring's and Lettuce's wrappers. */
	private static String reply(Throwable ex) {
		return String.valueOf(NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
	}

	private void warnOnce(String command, Throwable ex) {
		if (this.warned.add(command)) {
			log.warn(
					"Redis refused {} ({}): expired message text and address secrets may stay in its files on disk "
							+ "beyond the documented bound; see 'What is on disk, and for how long' in operations.md",
					command, reply(ex));
		}
		else {
			log.debug("Redis refused {} again", command);
		}
	}

	/**
	 * The scrub, if this instance wins the claim for this interval. A scrub that found
	 * Redis busy gives the claim back, so the next tick of any instance tries again.
	 */
	Mono<Outcome> claimedScrub() {
		Duration interval = this.properties.rewriteInterval();
		return this.redis.opsForValue()
			.setIfAbsent(RedisKeys.PERSISTENCE_SCRUB_CLAIM, this.instance, interval)
			.filter(Boolean::booleanValue)
			.flatMap((claimed) -> scrub())
			.flatMap((outcome) -> {
				if (outcome.snapshot() || outcome.rewrite()) {
					log.info("Redis files scrubbed of expired keys: snapshot {}, append-only file rewrite {}",
							outcome.snapshot() ? "started" : "not started",
							outcome.rewrite() ? "started" : "not started");
				}
				else {
					// No persistence (or none we may touch): nothing on disk to scrub.
					log.debug("Redis expired keys visited; no snapshot or rewrite started");
				}
				return outcome.busy() ? this.redis.delete(RedisKeys.PERSISTENCE_SCRUB_CLAIM).thenReturn(outcome)
						: Mono.just(outcome);
			});
	}

	/**
	 * Ticks four times per interval on every instance; the claim lasts one interval, so
	 * scrubs come at most an interval and a quarter apart while any instance runs.
	 */
	@Override
	protected Flux<?> loop() {
		Duration tick = this.properties.rewriteInterval().dividedBy(4);
		return passes(Flux.interval(tick, this.timers.scheduler()), this::claimedScrub, "Redis persistence scrub");
	}

}
