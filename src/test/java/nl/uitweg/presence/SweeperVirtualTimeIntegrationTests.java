package nl.uitweg.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import nl.uitweg.conversation.ConversationEnded;
import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.Timers;
import nl.uitweg.queue.VisitorQueued;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grace periods and takeover on a clock the test moves by hand, against a real Redis (a
 * database of its own, so no running instance sweeps along).
 */
class SweeperVirtualTimeIntegrationTests {

	private static final RedisCommands<String, String> redis = TestBackends.get().isolatedRedis();

	private static final ReactiveStringRedisTemplate template = TestBackends.get().isolatedTemplate();

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final EventBus events = new EventBus();

	/** What the sweeps told this instance's modules, in order. */
	private final List<Object> published = new CopyOnWriteArrayList<>();

	private Disposable recording;

	private Sweeper sweeper;

	@BeforeEach
	void setUp() {
		redis.flushdb();
		this.recording = this.events.on(Object.class).subscribe(this.published::add);
		var properties = new PresenceProperties(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(2),
				Duration.ofSeconds(60), Duration.ofSeconds(2), "weg (nl)", "gone (en)");
		this.sweeper = new Sweeper(template, properties, this.clock,
				new Timers(reactor.core.scheduler.Schedulers.immediate()), this.events,
				new ConversationProperties(2000, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(5),
						Duration.ofHours(24), Duration.ofSeconds(10), java.time.ZoneId.of("Europe/Amsterdam")));
	}

	@AfterEach
	void stopRecording() {
		this.recording.dispose();
	}

	private void conversation(String id, String state, String counsellor) {
		long now = this.clock.millis();
		redis.hset("{uw}:conv:" + id,
				Map.of("state", state, "sid", "s-" + id, "queuedAt", Long.toString(now), "intake", "{}", "campaign",
						"DIRECT", "band", "1", "locale", "nl", "seq", "0", "score", Double.toString(1e13 + now)));
		if (counsellor != null) {
			redis.hset("{uw}:conv:" + id, Map.of("counsellor", counsellor, "assignedAt", Long.toString(now)));
			redis.sadd("{uw}:c:" + counsellor + ":convs", id);
		}
		if ("queued".equals(state)) {
			redis.zadd("{uw}:queue", 1e13 + now, id);
		}
	}

	@Test
	void aVisitorKeepsTheirPlaceForTheGracePeriodAndIsThenCountedAsAbandoned() {
		conversation("waiting", "queued", null);
		redis.zadd("{uw}:presence:v", this.clock.millis(), "waiting");
		this.clock.advance(Duration.ofSeconds(119));
		this.sweeper.sweepVisitors().as(StepVerifier::create).expectNext(0).verifyComplete();
		assertThat(redis.zscore("{uw}:queue", "waiting")).isNotNull();
		assertThat(this.published).isEmpty();
		this.clock.advance(Duration.ofSeconds(2));
		this.sweeper.sweepVisitors().as(StepVerifier::create).expectNext(1).verifyComplete();
		assertThat(redis.zscore("{uw}:queue", "waiting")).isNull();
		assertThat(redis.hget("{uw}:conv:waiting", "endReason")).isEqualTo("visitor_abandoned");
		assertThat(redis.hget("{uw}:outbox", "waiting")).contains("\"answered\":false");
		assertThat(this.published).containsExactly(new ConversationEnded("waiting", "visitor_abandoned"));
	}

	@Test
	void anActiveConversationEndsAsVisitorLeftAndFreesTheCounsellor() {
		redis.hset("{uw}:c:sam", Map.of("status", "available", "capacity", "3", "load", "1"));
		conversation("talking", "active", "sam");
		redis.zadd("{uw}:presence:v", this.clock.millis(), "talking");
		this.clock.advance(Duration.ofMinutes(3));
		this.sweeper.sweepVisitors().as(StepVerifier::create).expectNext(1).verifyComplete();
		assertThat(redis.hget("{uw}:conv:talking", "endReason")).isEqualTo("visitor_left");
		assertThat(redis.hget("{uw}:c:sam", "load")).isEqualTo("0");
		assertThat(redis.lrange("{uw}:conv:talking:log", 0, -1)).last().asString().contains("visitor_left");
		assertThat(this.published).containsExactly(new ConversationEnded("talking", "visitor_left"));
	}

	@Test
	void aSilentCounsellorGoesOfflineAndAfterTheGraceLosesTheConversationToTheFrontOfTheQueue() {
		redis.hset("{uw}:c:kim", Map.of("status", "available", "capacity", "3", "load", "1"));
		redis.sadd("{uw}:counsellors", "kim");
		redis.zadd("{uw}:c:kim:conns", this.clock.millis(), "console-1");
		conversation("interrupted", "active", "kim");
		this.clock.advance(Duration.ofSeconds(1));
		conversation("newcomer", "queued", null);

		this.clock.advance(Duration.ofSeconds(13));
		this.sweeper.sweepCounsellors().as(StepVerifier::create).expectNext(0).verifyComplete();
		assertThat(redis.hget("{uw}:c:kim", "status")).isEqualTo("available");

		this.clock.advance(Duration.ofSeconds(2));
		this.sweeper.sweepCounsellors().as(StepVerifier::create).expectNext(0).verifyComplete();
		assertThat(redis.hget("{uw}:c:kim", "status")).isEqualTo("offline");
		assertThat(redis.sismember("{uw}:counsellors", "kim")).isFalse();
		assertThat(redis.hget("{uw}:conv:interrupted", "state")).isEqualTo("active");
		assertThat(this.published).isEmpty();

		this.clock.advance(Duration.ofSeconds(61));
		this.sweeper.sweepCounsellors().as(StepVerifier::create).expectNext(1).verifyComplete();
		assertThat(redis.zrange("{uw}:queue", 0, -1)).containsExactly("interrupted", "newcomer");
		assertThat(redis.hget("{uw}:c:kim", "load")).isEqualTo("0");
		assertThat(redis.lrange("{uw}:conv:interrupted:log", 0, -1))
			.anySatisfy((event) -> assertThat(event).contains("\"from\":\"system\"").contains("weg (nl)"));
		assertThat(this.published).containsExactly(new VisitorQueued("interrupted"));
	}

	@Test
	void anOfferToACounsellorGoneTooLongGoesBackToItsPlaceInTheQueue() {
		redis.hset("{uw}:c:noor", Map.of("status", "available", "capacity", "3", "load", "1"));
		redis.sadd("{uw}:counsellors", "noor");
		redis.zadd("{uw}:c:noor:conns", this.clock.millis(), "console-1");
		conversation("offered", "offered", null);
		redis.hset("{uw}:conv:offered", Map.of("offeredTo", "noor", "offeredAt", Long.toString(this.clock.millis())));
		redis.sadd("{uw}:c:noor:convs", "offered");
		redis.zadd("{uw}:offers", this.clock.millis() + 30_000, "offered");

		this.clock.advance(Duration.ofSeconds(16));
		this.sweeper.sweepCounsellors().as(StepVerifier::create).expectNext(0).verifyComplete();
		this.clock.advance(Duration.ofSeconds(61));
		this.sweeper.sweepCounsellors().as(StepVerifier::create).expectNext(1).verifyComplete();
		assertThat(redis.hget("{uw}:conv:offered", "state")).isEqualTo("queued");
		assertThat(redis.zrange("{uw}:queue", 0, -1)).containsExactly("offered");
		assertThat(redis.zcard("{uw}:offers")).isZero();
		assertThat(redis.hget("{uw}:c:noor", "load")).isEqualTo("0");
		assertThat(this.published).containsExactly(new VisitorQueued("offered"));
	}

	/** A clock the test moves: the sweeps' notion of now. */
	static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant start) {
			this.now = start;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
