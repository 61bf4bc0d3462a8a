package nl.uitweg.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.DebianTool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis primary with one replica and a sentinel (Debian's {@code redis-server} and
 * {@code redis-sentinel}, on loopback), two application instances following the sentinel,
 * and conversations sending both ways while the primary is killed: the sentinel promotes
 * the replica, the old primary comes back as a replica of it, and every message that was
 * acknowledged arrives exactly once and in order. Messages are acknowledged only once the
 * replica has them ({@code uitweg.conversation.replication.replicas=1}), which is what
 * makes a promoted replica miss none.
 */
class SentinelFailoverSoakIntegrationTests {

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	private static final String MASTER = "uitweg";

	private static final int CONVERSATIONS = Integer.getInteger("sentinel.conversations", 10);

	private static final int MESSAGES = Integer.getInteger("sentinel.messages", 150);

	private final List<Process> processes = new ArrayList<>();

	@Test
	void everyAcknowledgedMessageArrivesOnceInOrderAcrossAFailover(@TempDir Path dir) throws Exception {
		DebianTool.require(REDIS_SERVER.toString(), "redis-server and redis-sentinel");
		int primaryPort = FreePorts.find();
		int replicaPort = FreePorts.find();
		int sentinelPort = FreePorts.find();
		Process[] primary = { redis(dir, "primary", primaryPort) };
		redis(dir, "replica", replicaPort, "--replicaof", "127.0.0.1", String.valueOf(primaryPort));
		sentinel(dir, sentinelPort, primaryPort);
		awaitReplicaLinked(replicaPort);
		RedisClient client = RedisClient.create();
		try (StatefulRedisSentinelConnection<String, String> sentinel = client
			.connectSentinel(RedisURI.create("redis://127.0.0.1:" + sentinelPort))) {
			await().atMost(Duration.ofSeconds(20)).until(() -> !sentinel.sync().replicas(MASTER).isEmpty());
			// With a sentinel configured, Spring Data and Uitweg's own connections follow
			// it;
			// the URL (which the test support always sets) is then not used.
			Map<String, Object> settings = Map.of("spring.data.redis.url", "redis://127.0.0.1:" + primaryPort,
					"spring.data.redis.sentinel.master", MASTER, "spring.data.redis.sentinel.nodes",
					"127.0.0.1:" + sentinelPort, "uitweg.conversation.replication.replicas", 1);
			try (AppInstance one = AppInstance.start("sentinel-1", settings);
					AppInstance two = AppInstance.start("sentinel-2", settings)) {
				List<List<Integer>> ports = List.of(List.of(one.port(), two.port()), List.of(two.port(), one.port()));
				SoakHarness soak = new SoakHarness(one, "sentinel-soak-", CONVERSATIONS, ports, 0.0);
				int[] failovers = { 0 };
				soak.run(MESSAGES, Duration.ofSeconds(Integer.getInteger("sentinel.seconds", 180)), () -> {
					InstanceDeathSoakIntegrationTests.pause(Duration.ofMillis(1500));
					primary[0].destroyForcibly();
					await().atMost(Duration.ofSeconds(30))
						.until(() -> ((java.net.InetSocketAddress) sentinel.sync().getMasterAddrByName(MASTER))
							.getPort() == replicaPort);
					// The old primary returns, empty, and the sentinel makes it a replica
					// of the new one: acknowledgements need a replica again.
					try {
						primary[0] = redis(dir, "primary-again", primaryPort);
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
					awaitReplicaLinked(primaryPort);
					failovers[0]++;
				});
				soak.assertExactlyOnceInOrder(MESSAGES);
				assertThat(failovers[0]).isOne();
				System.out.printf("Sentinel failover soak: %d conversations x %d messages each way, %d reconnections%n",
						CONVERSATIONS, MESSAGES, soak.reconnections());
			}
		}
		finally {
			client.shutdown();
			this.processes.forEach(Process::destroyForcibly);
		}
	}

	private Process redis(Path dir, String name, int port, String... more) throws IOException {
		Path data = Files.createDirectories(dir.resolve(name));
		List<String> command = new ArrayList<>(List.of(REDIS_SERVER.toString(), "--port", String.valueOf(port),
				"--bind", "127.0.0.1", "--dir", data.toString(), "--save", "", "--appendonly", "no"));
		command.addAll(List.of(more));
		return start(command, dir.resolve(name + ".log"));
	}

	private void sentinel(Path dir, int port, int primaryPort) throws IOException {
		Path config = dir.resolve("sentinel.conf");
		Files.writeString(config, String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + dir,
				"sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 1",
				"sentinel down-after-milliseconds " + MASTER + " 1000",
				"sentinel failover-timeout " + MASTER + " 10000", "sentinel parallel-syncs " + MASTER + " 1", ""));
		start(List.of(REDIS_SERVER.toString(), config.toString(), "--sentinel"), dir.resolve("sentinel.log"));
	}

	private Process start(List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

	/**
	 * Waits until the replica on this port has a working link to its primary. After the
	 * failover the sentinel first has to notice the old primary is back and turn it into
	 * a replica, then the replica syncs: on a loaded machine that once took more than 30
	 * s.
	 */
	private static void awaitReplicaLinked(int port) {
		RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + port));
		try {
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
				try (StatefulRedisConnection<String, String> connection = client.connect()) {
					String info = connection.sync().info("replication");
					return info.contains("role:slave") && info.contains("master_link_status:up");
				}
			});
		}
		finally {
			client.shutdown();
		}
	}

}
