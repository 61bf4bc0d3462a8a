package nl.uitweg.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.conversation.Periods;
import nl.uitweg.counsellor.CounsellorPresence;
import nl.uitweg.counsellor.CounsellorStatus;
import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.platform.Timers;

/**
 * Samples, once a minute for all instances together, how many counsellors are signed in
 * and how many of them are available, for the staffing advice to set beside what was
 * needed. Every instance tries a few times a minute; the first to claim the minute in
 * Redis takes the sample, the others leave it.
 */
@Component
class AvailabilitySampler extends BackgroundLoop {

	/**
	 * How often an instance tries: several times a minute, so a late or slow tick does
	 * not leave a minute without its sample. The claim keeps it to one per minute.
	 */
	private static final Duration TRY_EVERY = Duration.ofSeconds(20);

	/** Outlives the minute it claims, so no late instance can claim it again. */
	private static final Duration CLAIM_LIFETIME = Duration.ofSeconds(120);

	private final ReactiveStringRedisTemplate redis;

	private final CounsellorPresence counsellors;

	private final StaffingSamples samples;

	private final ZoneId zone;

	private final Clock clock;

	private final Timers timers;

	AvailabilitySampler(ReactiveStringRedisTemplate redis, CounsellorPresence counsellors, StaffingSamples samples,
			ConversationProperties conversations, Clock clock, Timers timers) {
		this.redis = redis;
		this.counsellors = counsellors;
		this.samples = samples;
		this.zone = conversations.zone();
		this.clock = clock;
		this.timers = timers;
	}

	/**
	 * Takes the sample of the minute {@code at} falls in, unless an instance has taken it
	 * already.
	 * @return whether this call took it
	 */
	Mono<Boolean> sample(Instant at) {
		long minute = Math.floorDiv(at.getEpochSecond(), 60);
		return this.redis.opsForValue()
			.setIfAbsent(RedisKeys.staffingSampleClaim(minute), "1", CLAIM_LIFETIME)
			.filter(Boolean::booleanValue)
			.flatMap((claimed) -> count().flatMap((count) -> store(at, count)).thenReturn(true))
			.defaultIfEmpty(false);
	}

	private record Count(long available, long signedIn) {
	}

	private Mono<Count> count() {
		return this.counsellors.signedIn()
			.filter((standing) -> standing.status() != CounsellorStatus.OFFLINE)
			.reduce(new Count(0, 0),
					(count, standing) -> new Count(
							count.available() + ((standing.status() == CounsellorStatus.AVAILABLE) ? 1 : 0),
							count.signedIn() + 1));
	}

	private Mono<Void> store(Instant at, Count count) {
		// The hour in the helpline's zone, which differs from the UTC hour in zones with
		// a half-hour offset.
		Instant hour = at.atZone(this.zone).truncatedTo(ChronoUnit.HOURS).toInstant();
		int hourOfWeek = Periods.of(hour, this.zone).hourOfWeek();
		return this.samples.add(hour, hourOfWeek, count.available(), count.signedIn());
	}

	@Override
	protected Flux<?> loop() {
		Flux<Long> ticks = Flux.interval(Duration.ZERO, TRY_EVERY, this.timers.scheduler());
		return passes(ticks, () -> sample(this.clock.instant()), "Staffing sample");
	}

}
