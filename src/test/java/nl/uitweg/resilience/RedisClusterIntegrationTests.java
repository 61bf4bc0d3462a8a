package nl.uitweg.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.platform.RedisChannels;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.platform.RedisPersistenceScrubber;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.DebianTool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of three primaries (Debian's {@code redis-server} and
 * {@code redis-cli --cluster create}, on loopback), given to two instances by seed nodes
 * that do not hold the {@code {uw}} slot, so every command on Uitweg's keys is redirected
 * at first: a conversation across the instances, with a resume, and the limits and
 * pub/sub over cluster connections.
 */
class RedisClusterIntegrationTests {

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	private static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");

	private static final List<Process> processes = new ArrayList<>();

	private static final List<Integer> ports = new ArrayList<>();

	private static int owner;

	@BeforeAll
	static void startCluster(@TempDir Path dir) throws Exception {
		DebianTool.require(REDIS_SERVER.toString(), "redis-server");
		DebianTool.require(REDIS_CLI.toString(), "redis-tools");
		for (int i = 0; i < 3; i++) {
			int port = FreePorts.find();
			ports.add(port);
			Path data = Files.createDirectories(dir.resolve("node-" + port));
			processes.add(new ProcessBuilder(REDIS_SERVER.toString(), "--port", String.valueOf(port), "--bind",
					"127.0.0.1", "--dir", data.toString(), "--save", "", "--appendonly", "yes", "--cluster-enabled",
					"yes", "--cluster-config-file", data.resolve("nodes.conf").toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("node-" + port + ".log").toFile())
				.start());
		}
		for (int port : ports) {
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> ping(port));
		}
		List<String> create = new ArrayList<>(List.of(REDIS_CLI.toString(), "--cluster", "create"));
		ports.forEach((port) -> create.add("127.0.0.1:" + port));
		create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		Process created = new ProcessBuilder(create).redirectErrorStream(true)
			.redirectOutput(dir.resolve("create.log").toFile())
			.start();
		assertThat(created.waitFor()).as("redis-cli --cluster create, see create.log").isZero();
		for (int port : ports) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> command(port, (c) -> c.clusterInfo()).contains("cluster_state:ok"));
		}
		int slot = SlotHash.getSlot(RedisKeys.QUEUE);
		owner = ports.stream().filter((port) -> ownsSlot(port, slot)).findFirst().orElseThrow();
	}

	@AfterAll
	static void stopCluster() {
		processes.forEach(Process::destroyForcibly);
	}

	@Test
	void aConversationRunsAcrossTwoInstancesOnACluster() {
		List<String> seeds = ports.stream().filter((port) -> port != owner).map((port) -> "127.0.0.1:" + port).toList();
		assertThat(seeds).hasSize(2);
		String nodes = String.join(",", seeds);
		Map<String, Object> byProperty = Map.of("spring.data.redis.url", AppInstance.UNSET,
				"spring.data.redis.cluster.nodes", nodes);
		Map<String, Object> byVariable = Map.of("spring.data.redis.url", AppInstance.UNSET, "REDIS_CLUSTER_NODES",
				nodes);
		try (AppInstance a = AppInstance.start("cluster-a", byProperty);
				AppInstance b = AppInstance.start("cluster-b", byVariable)) {
			ConversationAcrossInstances.complete(a, b, "cluster-counsellor", 5);
			ConversationAcrossInstances.complete(b, a, "cluster-counsellor-2", 3);
			ConversationAcrossInstances.limitsReachRedis("cluster-probe", a, b);
			for (AppInstance instance : List.of(a, b)) {
				assertThat(instance.bean(RedisChannels.class).subscribedChannels()).isPositive();
			}
			// The scrub of Redis's files reaches every node's own append-only file (on a
			// cluster Spring Data would merge the nodes' INFO under prefixed names).
			RedisPersistenceScrubber.Outcome scrubbed = a.bean(RedisPersistenceScrubber.class)
				.scrub()
				.block(Duration.ofSeconds(20));
			assertThat(scrubbed.keysVisited()).isPositive();
			assertThat(scrubbed.rewrite()).isTrue();
			for (int port : ports) {
				await().atMost(Duration.ofSeconds(20))
					.until(() -> command(port, (c) -> c.info("persistence")).contains("aof_rewrites:1"));
			}
			// Every key Uitweg wrote is in the {uw} slot, on its one primary.
			for (int port : ports) {
				List<String> keys = command(port, (c) -> c.keys("*"));
				if (port == owner) {
					assertThat(keys).anyMatch((key) -> key.startsWith("{uw}:conv:"));
				}
				assertThat(keys).filteredOn((key) -> !key.startsWith("uitweg:session:"))
					.allMatch((key) -> key.startsWith("{uw}:"), "in the {uw} slot");
			}
			System.out.println("Cluster pub/sub subscriptions per node: " + ports.stream()
				.collect(Collectors.toMap((port) -> port, (port) -> command(port, (c) -> c.pubsubChannels()).size())));
		}
	}

	private static boolean ownsSlot(int port, int slot) {
		return command(port, (c) -> c.clusterSlots()).stream()
			.map((range) -> (List<?>) range)
			.anyMatch((range) -> ((Long) range.get(0)) <= slot && slot <= ((Long) range.get(1))
					&& ((Long) ((List<?>) range.get(2)).get(1)).intValue() == port);
	}

	private static boolean ping(int port) {
		return "PONG".equals(command(port, (c) -> c.ping()));
	}

	private static <T> T command(int port,
			java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> call) {
		RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + port));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return call.apply(connection.sync());
		}
		finally {
			client.shutdown();
		}
	}

}
