package nl.uitweg.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.DebianTool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of three primaries with a replica each (Debian's {@code redis-server},
 * on loopback), two application instances, and conversations sending both ways while the
 * primary of the {@code {uw}} slot is killed: the cluster promotes its replica, the old
 * primary comes back as a replica of it, and every acknowledged message arrives exactly
 * once and in order. Messages are acknowledged only once a replica has them
 * ({@code uitweg.conversation.replication.replicas=1}, {@code WAIT} on the slot's
 * primary).
 */
class RedisClusterFailoverSoakIntegrationTests {

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	private static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");

	private static final int CONVERSATIONS = Integer.getInteger("cluster.conversations", 6);

	private static final int MESSAGES = Integer.getInteger("cluster.messages", 100);

	private final Map<Integer, Process> nodes = new HashMap<>();

	@Test
	void everyAcknowledgedMessageArrivesOnceInOrderAcrossAFailover(@TempDir Path dir) throws Exception {
		DebianTool.require(REDIS_SERVER.toString(), "redis-server");
		DebianTool.require(REDIS_CLI.toString(), "redis-tools");
		try {
			List<Integer> ports = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				int port = FreePorts.find();
				ports.add(port);
				node(dir, port);
			}
			for (int port : ports) {
				await().atMost(Duration.ofSeconds(20))
					.ignoreExceptions()
					.until(() -> "PONG".equals(command(port, (c) -> c.ping())));
			}
			List<String> create = new ArrayList<>(List.of(REDIS_CLI.toString(), "--cluster", "create"));
			ports.forEach((port) -> create.add("127.0.0.1:" + port));
			create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
			Process created = new ProcessBuilder(create).redirectErrorStream(true)
				.redirectOutput(dir.resolve("create.log").toFile())
				.start();
			assertThat(created.waitFor()).as("redis-cli --cluster create, see create.log").isZero();
			int slot = SlotHash.getSlot(RedisKeys.QUEUE);
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> ports.stream()
					.allMatch((port) -> command(port, (c) -> c.clusterInfo()).contains("cluster_state:ok"))
						&& replicaLinked(owner(ports.get(0), slot)));
			int primary = owner(ports.get(0), slot);
			Map<String, Object> settings = Map.of("spring.data.redis.url", AppInstance.UNSET,
					"spring.data.redis.cluster.nodes",
					ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(",")),
					"uitweg.conversation.replication.replicas", 1);
			try (AppInstance one = AppInstance.start("cluster-failover-1", settings);
					AppInstance two = AppInstance.start("cluster-failover-2", settings)) {
				List<List<Integer>> order = List.of(List.of(one.port(), two.port()), List.of(two.port(), one.port()));
				SoakHarness soak = new SoakHarness(one, "cluster-soak-", CONVERSATIONS, order, 0.0);
				int[] failovers = { 0 };
				soak.run(MESSAGES, Duration.ofSeconds(Integer.getInteger("cluster.seconds", 180)), () -> {
					InstanceDeathSoakIntegrationTests.pause(Duration.ofMillis(1500));
					this.nodes.get(primary).destroyForcibly();
					int survivor = ports.stream().filter((port) -> port != primary).findFirst().orElseThrow();
					await().atMost(Duration.ofSeconds(30))
						.ignoreExceptions()
						.until(() -> owner(survivor, slot) != primary);
					// The old primary returns and joins as a replica of the promoted one:
					// acknowledgements need a replica again.
					try {
						node(dir, primary);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					await().atMost(Duration.ofSeconds(30))
						.ignoreExceptions()
						.until(() -> replicaLinked(owner(survivor, slot)));
					failovers[0]++;
				});
				soak.assertExactlyOnceInOrder(MESSAGES);
				assertThat(failovers[0]).isOne();
				System.out.printf("Cluster failover soak: %d conversations x %d messages each way, %d reconnections%n",
						CONVERSATIONS, MESSAGES, soak.reconnections());
			}
		}
		finally {
			this.nodes.values().forEach(Process::destroyForcibly);
		}
	}

	private void node(Path dir, int port) throws IOException {
		Path data = Files.createDirectories(dir.resolve("node-" + port));
		this.nodes.put(port,
				new ProcessBuilder(REDIS_SERVER.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
						"--dir", data.toString(), "--save", "", "--appendonly", "no", "--cluster-enabled", "yes",
						"--cluster-config-file", data.resolve("nodes.conf").toString(), "--cluster-node-timeout",
						"1000")
					.redirectErrorStream(true)
					.redirectOutput(dir.resolve("node-" + port + ".log").toFile())
					.start());
	}

	/** The port of the primary that serves the slot, as this node sees the cluster. */
	private static int owner(int port, int slot) {
		return command(port, (c) -> c.clusterSlots()).stream()
			.map((range) -> (List<?>) range)
			.filter((range) -> ((Long) range.get(0)) <= slot && slot <= ((Long) range.get(1)))
			.map((range) -> ((Long) ((List<?>) range.get(2)).get(1)).intValue())
			.findFirst()
			.orElseThrow();
	}

	/** Whether the primary on this port has a replica with a working link. */
	private static boolean replicaLinked(int primary) {
		String info = command(primary, (c) -> c.info("replication"));
		return info.contains("role:master") && info.matches("(?s).*slave0:.*state=online.*");
	}

	private static <T> T command(int port,
			java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> call) {
		RedisClient client = RedisClient
			.create(RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(Duration.ofSeconds(2)).build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return call.apply(connection.sync());
		}
		finally {
			client.shutdown();
		}
	}

}
