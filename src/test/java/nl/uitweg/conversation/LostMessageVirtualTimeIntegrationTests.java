package nl.uitweg.conversation;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

import nl.uitweg.platform.Timers;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message that is in the log but whose live notice never came (pub/sub lost it) is
 * still delivered: the follower's periodic look at the head of the log finds it. Runs on
 * virtual time, so the test does not wait for the probe interval.
 */
class LostMessageVirtualTimeIntegrationTests {

	@Test
	void aMessageWhoseNoticeWasLostArrivesWithTheNextProbe() {
		AppInstance a = AppInstance.shared("A");
		String conversationId = UUID.randomUUID().toString();
		var redis = TestBackends.get().redis();
		redis.hset("{uw}:conv:" + conversationId, Map.of("state", "active", "seq", "1"));
		redis.rpush("{uw}:conv:" + conversationId + ":log",
				"{\"type\":\"message\",\"seq\":1,\"from\":\"visitor\",\"text\":\"eerste\"}");
		var properties = new ConversationProperties(2000, Duration.ofMinutes(10), Duration.ofSeconds(1),
				Duration.ofSeconds(5), Duration.ofHours(24), Duration.ofSeconds(10),
				java.time.ZoneId.of("Europe/Amsterdam"));
		StepVerifier
			.withVirtualTime(() -> new ConversationLog(
					a.bean(org.springframework.data.redis.core.ReactiveStringRedisTemplate.class),
					a.bean(nl.uitweg.platform.RedisChannels.class), JsonMapper.builder().build(), properties,
					new Timers(VirtualTimeScheduler.get()))
				.follow(conversationId, 0))
			.assertNext((event) -> assertThat(event.text()).isEqualTo("eerste"))
			.then(() -> {
				// Written to the log without a publish: the live feed never hears of it.
				redis.hset("{uw}:conv:" + conversationId, "seq", "2");
				redis.rpush("{uw}:conv:" + conversationId + ":log",
						"{\"type\":\"message\",\"seq\":2,\"from\":\"counsellor\",\"text\":\"verloren melding\"}");
			})
			.expectNoEvent(Duration.ofSeconds(4))
			.thenAwait(Duration.ofSeconds(1))
			.assertNext((event) -> {
				assertThat(event.seq()).isEqualTo(2);
				assertThat(event.text()).isEqualTo("verloren melding");
			})
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

}
