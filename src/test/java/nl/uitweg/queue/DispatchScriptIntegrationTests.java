package nl.uitweg.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import nl.uitweg.conversation.Intake;
import nl.uitweg.platform.MetricNames;
import nl.uitweg.support.TestBackends;
import nl.uitweg.visitor.VisitorSession;

import static org.assertj.core.api.Assertions.assertThat;

/** The atomic routing scripts against a real Redis server. */
class DispatchScriptIntegrationTests {

	private static final RedisCommands<String, String> redis = TestBackends.get().isolatedRedis();

	private static final org.springframework.data.redis.core.ReactiveStringRedisTemplate template = TestBackends.get()
		.isolatedTemplate();

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private QueueManagement queue;

	private SimpleMeterRegistry meters;

	static QueueProperties properties() {
		return new QueueProperties(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1),
				Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMinutes(30), 3, 120, 50, 100,
				QueueProperties.Routing.AUTOMATIC, "nl", "en", "nl", "en");
	}

	@BeforeEach
	void setUp() {
		// A Redis database of its own, so no running instance's dispatcher joins in.
		redis.flushdb();
		this.meters = new SimpleMeterRegistry();
		this.queue = new QueueManagement(template, properties(), Clock.fixed(NOW, ZoneOffset.UTC),
				tools.jackson.databind.json.JsonMapper.builder().build(), new nl.uitweg.platform.EventBus(),
				new QueueLimits(500, 50, Duration.ofMinutes(5), 3, Duration.ofHours(1), "nl", "en"),
				new QueueMeters(this.meters));
	}

	private void counsellor(String name, String status, int capacity, int load, long idleSince) {
		redis.hset("{uw}:c:" + name, Map.of("status", status, "capacity", Integer.toString(capacity), "load",
				Integer.toString(load), "idleSince", Long.toString(idleSince)));
		redis.sadd("{uw}:counsellors", name);
	}

	private String enqueue(Intake intake) {
		String key = "{uw}:vs:" + UUID.randomUUID();
		redis.hset(key, Map.of("sid", UUID.randomUUID().toString()));
		var session = new VisitorSession(UUID.randomUUID().toString(), key, "DIRECT", "nl", null);
		return ((EnqueueResult.Queued) this.queue.enqueue(session, intake).block(Duration.ofSeconds(5)))
			.conversationId();
	}

	@Test
	void offersToTheLeastLoadedAvailableCounsellorAndTiesToTheOneIdleLongest() {
		counsellor("busy", "available", 3, 2, 1);
		counsellor("idle-short", "available", 3, 0, 2000);
		counsellor("idle-long", "available", 3, 0, 1000);
		counsellor("away", "away", 3, 0, 0);
		String first = enqueue(Intake.none());
		this.queue.dispatch()
			.as(StepVerifier::create)
			.assertNext((offer) -> assertThat(offer).isEqualTo(new QueueManagement.Offered(first, "idle-long")))
			.verifyComplete();
		assertThat(redis.hget("{uw}:c:idle-long", "load")).isEqualTo("1");
		assertThat(redis.zscore("{uw}:queue", first)).isNull();
		assertThat(redis.hget("{uw}:conv:" + first, "state")).isEqualTo("offered");
	}

	@Test
	void neverOffersBeyondCapacityAndKeepsTheRestWaitingInOrder() {
		counsellor("solo", "available", 2, 0, 0);
		List<String> conversations = List.of(enqueue(Intake.none()), enqueue(Intake.none()), enqueue(Intake.none()));
		this.queue.dispatch()
			.map(QueueManagement.Offered::conversationId)
			.collectList()
			.as(StepVerifier::create)
			.assertNext((offered) -> assertThat(offered).containsExactly(conversations.get(0), conversations.get(1)))
			.verifyComplete();
		this.queue.dispatch().as(StepVerifier::create).verifyComplete();
		assertThat(redis.hget("{uw}:c:solo", "load")).isEqualTo("2");
		assertThat(redis.zrange("{uw}:queue", 0, -1)).containsExactly(conversations.get(2));
	}

	@Test
	void aDeclinedConversationGoesBackToItsPlaceAndDoesNotBlockThoseBehindIt() {
		counsellor("only", "available", 3, 0, 0);
		String first = enqueue(Intake.none());
		String second = enqueue(Intake.none());
		this.queue.dispatch().collectList().block(Duration.ofSeconds(5));
		this.queue.decline(first, "only").as(StepVerifier::create).expectNext(true).verifyComplete();
		this.queue.decline(first, "only").as(StepVerifier::create).expectNext(false).verifyComplete();
		assertThat(redis.zrange("{uw}:queue", 0, 0)).containsExactly(first);
		// The only counsellor declined the first: it waits, but the one behind it is not
		// held up.
		String third = enqueue(Intake.none());
		this.queue.dispatch()
			.map(QueueManagement.Offered::conversationId)
			.collectList()
			.as(StepVerifier::create)
			.assertNext((offered) -> assertThat(offered).containsExactly(third))
			.verifyComplete();
		assertThat(redis.hget("{uw}:conv:" + second, "offeredTo")).isEqualTo("only");
	}

	@Test
	void acceptingALapsedOfferFailsAndTheLapseSetsTheCounsellorAway() {
		counsellor("slow", "available", 3, 0, 0);
		String conversation = enqueue(Intake.none());
		this.queue.dispatch().collectList().block(Duration.ofSeconds(5));
		redis.zadd("{uw}:offers", 0, conversation);
		this.queue.expireOffers().as(StepVerifier::create).expectNext(1).verifyComplete();
		assertThat(redis.hget("{uw}:c:slow", "status")).isEqualTo("away");
		assertThat(redis.hget("{uw}:c:slow", "load")).isEqualTo("0");
		this.queue.accept(conversation, "slow", "Slow").as(StepVerifier::create).expectNext(false).verifyComplete();
		assertThat(redis.zrange("{uw}:queue", 0, -1)).containsExactly(conversation);
	}

	@Test
	void theWaitBeforeAFirstAnswerIsRecordedOnceWhereItIsAssigned() {
		counsellor("quick", "available", 3, 0, 0);
		String offered = enqueue(Intake.none());
		redis.hset("{uw}:conv:" + offered, "queuedAt", Long.toString(NOW.toEpochMilli() - 42_000));
		this.queue.dispatch().collectList().block(Duration.ofSeconds(5));
		this.queue.accept(offered, "quick", "Quick").as(StepVerifier::create).expectNext(true).verifyComplete();
		Timer waits = this.meters.get(MetricNames.QUEUE_WAIT).timer();
		assertThat(waits.count()).isEqualTo(1);
		assertThat(waits.totalTime(TimeUnit.SECONDS)).isEqualTo(42.0);
		// Manual routing records it too.
		counsellor("manual", "away", 3, 0, 0);
		String taken = enqueue(Intake.none());
		redis.hset("{uw}:conv:" + taken, "queuedAt", Long.toString(NOW.toEpochMilli() - 7_000));
		assertThat(this.queue.takeNext("manual", "Manual").block(Duration.ofSeconds(5)))
			.isEqualTo(new TakeNextResult.Assigned(taken));
		assertThat(waits.count()).isEqualTo(2);
		assertThat(waits.totalTime(TimeUnit.SECONDS)).isEqualTo(49.0);
		// Answered before (and requeued since): not a first answer, not recorded again.
		String again = enqueue(Intake.none());
		redis.hset("{uw}:conv:" + again, "answeredAt", Long.toString(NOW.toEpochMilli() - 60_000));
		assertThat(this.queue.takeNext("manual", "Manual").block(Duration.ofSeconds(5)))
			.isEqualTo(new TakeNextResult.Assigned(again));
		assertThat(waits.count()).isEqualTo(2);
	}

	@Test
	void acuteDangerGoesBeforeEarlierArrivals() {
		String ordinary = enqueue(Intake.none());
		String acute = enqueue(new Intake(null, null, true));
		assertThat(redis.zrange("{uw}:queue", 0, -1)).containsExactly(acute, ordinary);
	}

}
