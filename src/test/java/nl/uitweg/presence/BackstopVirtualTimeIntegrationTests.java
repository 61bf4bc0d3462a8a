package nl.uitweg.presence;

import java.time.Duration;
import java.time.Instant;
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
import nl.uitweg.presence.SweeperVirtualTimeIntegrationTests.MovableClock;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backstop lifetime of open conversations on a clock the test moves by hand, against
 * a real Redis (a database of its own, so no running instance sweeps along).
 */
class BackstopVirtualTimeIntegrationTests {

	private static final RedisCommands<String, String> redis = TestBackends.get().isolatedRedis();

	private static final ReactiveStringRedisTemplate template = TestBackends.get().isolatedTemplate();

	private static final Duration TEXT_RETENTION = Duration.ofMinutes(10);

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final EventBus events = new EventBus();

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private Disposable recording;

	private Backstop backstop;

	@BeforeEach
	void setUp() {
		redis.flushdb();
		this.recording = this.events.on(Object.class).subscribe(this.published::add);
		this.backstop = new Backstop(template,
				new BackstopProperties(Duration.ofHours(2), Duration.ofHours(8), Duration.ofMinutes(1)), this.clock,
				new Timers(reactor.core.scheduler.Schedulers.immediate()), this.events,
				new ConversationProperties(2000, TEXT_RETENTION, Duration.ofSeconds(1), Duration.ofSeconds(5),
						Duration.ofHours(24), Duration.ofSeconds(10), java.time.ZoneId.of("Europe/Amsterdam")));
	}

	@AfterEach
	void stopRecording() {
		this.recording.dispose();
	}

	/** A conversation with some text in its log, asked for now. */
	private void conversation(String id, String state) {
		long now = this.clock.millis();
		redis.hset("{uw}:conv:" + id,
				Map.of("state", state, "sid", "s-" + id, "queuedAt", Long.toString(now), "intake", "{}", "campaign",
						"DIRECT", "band", "1", "locale", "nl", "seq", "1", "score", Double.toString(1e13 + now)));
		redis.rpush("{uw}:conv:" + id + ":log", "{\"type\":\"message\",\"seq\":1,\"text\":\"hallo\"}");
		redis.hset("{uw}:conv:" + id + ":cmid", "c-1", "1");
		if ("queued".equals(state)) {
			redis.zadd("{uw}:queue", 1e13 + now, id);
		}
	}

	private void answeredBy(String id, String counsellor) {
		long now = this.clock.millis();
		redis.hset("{uw}:c:" + counsellor, Map.of("status", "available", "capacity", "3", "load", "1"));
		redis.hset("{uw}:conv:" + id, Map.of("state", "active", "counsellor", counsellor, "assignedAt",
				Long.toString(now), "answeredAt", Long.toString(now)));
		redis.sadd("{uw}:c:" + counsellor + ":convs", id);
		redis.sadd("{uw}:active", id);
	}

	@Test
	void aConversationNobodyAnsweredEndsAsExpiredAfterTheLongestWait() {
		conversation("waiting", "queued");
		this.clock.advance(Duration.ofMinutes(119));
		this.backstop.sweep().as(StepVerifier::create).expectNext(0).verifyComplete();
		assertThat(redis.zscore("{uw}:queue", "waiting")).isNotNull();
		assertThat(this.published).isEmpty();

		this.clock.advance(Duration.ofMinutes(2));
		this.backstop.sweep().as(StepVerifier::create).expectNext(1).verifyComplete();
		assertThat(redis.zscore("{uw}:queue", "waiting")).isNull();
		assertThat(redis.hget("{uw}:conv:waiting", "endReason")).isEqualTo("expired");
		assertThat(redis.lrange("{uw}:conv:waiting:log", 0, -1)).last()
			.asString()
			.contains("\"type\":\"ended\"")
			.contains("\"reason\":\"expired\"");
		assertThat(redis.hget("{uw}:outbox", "waiting")).contains("\"endReason\":\"expired\"")
			.contains("\"answered\":false");
		assertThat(redis.zscore("{uw}:live:abandoned", "waiting")).as("counted as ended unanswered").isNotNull();
		assertTextLifetime("waiting");
		assertThat(this.published).containsExactly(new ConversationEnded("waiting", "expired"));
	}

	@Test
	void anActiveConversationEndsAsExpiredAfterTheLongestTalkAndFreesTheCounsellor() {
		conversation("talking", "queued");
		redis.zrem("{uw}:queue", "talking");
		answeredBy("talking", "sam");
		this.clock.advance(Duration.ofHours(8));
		this.backstop.sweep().as(StepVerifier::create).expectNext(0).verifyComplete();
		assertThat(redis.hget("{uw}:conv:talking", "state")).isEqualTo("active");

		this.clock.advance(Duration.ofSeconds(1));
		this.backstop.sweep().as(StepVerifier::create).expectNext(1).verifyComplete();
		assertThat(redis.hget("{uw}:conv:talking", "endReason")).isEqualTo("expired");
		assertThat(redis.hget("{uw}:c:sam", "load")).isEqualTo("0");
		assertThat(redis.sismember("{uw}:active", "talking")).isFalse();
		assertThat(redis.sismember("{uw}:c:sam:convs", "talking")).isFalse();
		assertThat(redis.hget("{uw}:outbox", "talking")).contains("\"endReason\":\"expired\"")
			.contains("\"answered\":true")
			.contains("\"counsellor\":\"sam\"");
		assertThat(redis.zscore("{uw}:live:abandoned", "talking")).isNull();
		assertTextLifetime("talking");
		assertThat(this.published).containsExactly(new ConversationEnded("talking", "expired"));
	}

	@Test
	void anOfferNobodyAnsweredExpiresLikeTheQueueAndIsWithdrawn() {
		conversation("offered", "offered");
		redis.hset("{uw}:c:noor", Map.of("status", "available", "capacity", "3", "load", "1"));
		redis.hset("{uw}:conv:offered", Map.of("offeredTo", "noor", "offeredAt", Long.toString(this.clock.millis())));
		redis.sadd("{uw}:c:noor:convs", "offered");
		redis.zadd("{uw}:offers", this.clock.millis() + 30_000, "offered");
		this.clock.advance(Duration.ofMinutes(121));
		this.backstop.sweep().as(StepVerifier::create).expectNext(1).verifyComplete();
		assertThat(redis.zcard("{uw}:offers")).isZero();
		assertThat(redis.hget("{uw}:c:noor", "load")).isEqualTo("0");
		assertThat(redis.hget("{uw}:conv:offered", "endReason")).isEqualTo("expired");
		assertTextLifetime("offered");
	}

	@Test
	void anAnsweredConversationBackInTheQueueCountsFromItsFirstAnswer() {
		conversation("requeued", "queued");
		redis.hset("{uw}:conv:requeued", "answeredAt", Long.toString(this.clock.millis()));
		// Far past the longest wait, within the longest talk: it stays.
		this.clock.advance(Duration.ofHours(3));
		this.backstop.sweep().as(StepVerifier::create).expectNext(0).verifyComplete();
		assertThat(redis.hget("{uw}:conv:requeued", "state")).isEqualTo("queued");
		this.clock.advance(Duration.ofHours(5).plusSeconds(1));
		this.backstop.sweep().as(StepVerifier::create).expectNext(1).verifyComplete();
		assertThat(redis.hget("{uw}:conv:requeued", "endReason")).isEqualTo("expired");
	}

	@Test
	void anEndedConversationIsLeftAlone() {
		conversation("over", "ended");
		redis.sadd("{uw}:active", "over");
		this.clock.advance(Duration.ofHours(9));
		this.backstop.sweep().as(StepVerifier::create).expectNext(0).verifyComplete();
		assertThat(redis.hexists("{uw}:outbox", "over")).isFalse();
		assertThat(this.published).isEmpty();
	}

	/** The text keys now expire like those of any ended conversation. */
	private void assertTextLifetime(String id) {
		for (String key : List.of("{uw}:conv:" + id, "{uw}:conv:" + id + ":log", "{uw}:conv:" + id + ":cmid")) {
			assertThat(redis.ttl(key)).as(key).isPositive().isLessThanOrEqualTo(TEXT_RETENTION.toSeconds());
		}
	}

}
