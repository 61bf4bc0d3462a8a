package nl.uitweg.resilience;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.support.AppInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same soak with the Redis server restarted mid-run, persistence on: queue,
 * conversations and logs survive, and every acknowledged message still arrives once, in
 * order.
 */
class RedisRestartSoakIntegrationTests {

	private static final int CONVERSATIONS = Integer.getInteger("soak.conversations", 50);

	private static final int MESSAGES = Integer.getInteger("soak.messages", 200);

	@Test
	void everyAcknowledgedMessageArrivesOnceInOrderAcrossARedisRestart(@TempDir Path data) throws Exception {
		int port = FreePorts.find();
		RedisServer[] redis = { persistentRedis(port, data) };
		redis[0].start();
		Map<String, Object> settings = Map.of("spring.data.redis.url", "redis://127.0.0.1:" + port);
		try (AppInstance one = AppInstance.start("redis-restart-1", settings);
				AppInstance two = AppInstance.start("redis-restart-2", settings)) {
			List<List<Integer>> ports = List.of(List.of(one.port(), two.port()), List.of(two.port(), one.port()));
			SoakHarness soak = new SoakHarness(one, "redis-soak-", CONVERSATIONS, ports, 0.002);
			int[] restarts = { 0 };
			soak.run(MESSAGES, Duration.ofSeconds(Integer.getInteger("soak.seconds", 240)), () -> {
				InstanceDeathSoakIntegrationTests.pause(Duration.ofMillis(1500));
				try {
					redis[0].stop();
					InstanceDeathSoakIntegrationTests.pause(Duration.ofMillis(1000));
					redis[0] = persistentRedis(port, data);
					redis[0].start();
					restarts[0]++;
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
			soak.assertExactlyOnceInOrder(MESSAGES);
			assertThat(restarts[0]).isOne();
			System.out.printf("Redis restart soak: %d conversations x %d messages each way, %d reconnections%n",
					CONVERSATIONS, MESSAGES, soak.reconnections());
		}
		finally {
			redis[0].stop();
		}
	}

	private static RedisServer persistentRedis(int port, Path data) throws IOException {
		return RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("dir " + data)
			.setting("appendonly yes")
			.setting("appendfsync everysec")
			.onShutdownForceStop(true)
			.build();
	}

}
