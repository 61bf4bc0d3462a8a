package nl.uitweg.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.DebianTool;
import nl.uitweg.support.Chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis primary with one replica and a sentinel (Debian's {@code redis-server} and
 * {@code redis-sentinel}, on loopback, installed by {@code .ci/run}): instances find the
 * primary through the sentinel alone, and with
 * {@code uitweg.conversation.replication.replicas} a message is acknowledged only once
 * the replica holds it, and refused by name when no replica can confirm it.
 */
class SentinelIntegrationTests {

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	private static final String MASTER = "uitweg";

	private static final List<Process> processes = new ArrayList<>();

	private static int replicaPort;

	private static int sentinelPort;

	@BeforeAll
	static void startRedis(@TempDir Path dir) throws IOException {
		DebianTool.require(REDIS_SERVER.toString(), "redis-server and redis-sentinel");
		int primaryPort = FreePorts.find();
		replicaPort = FreePorts.find();
		sentinelPort = FreePorts.find();
		redis(dir, "primary", primaryPort);
		redis(dir, "replica", replicaPort, "--replicaof", "127.0.0.1", String.valueOf(primaryPort));
		Path config = dir.resolve("sentinel.conf");
		Files.writeString(config,
				String.join("\n", "port " + sentinelPort, "bind 127.0.0.1", "dir " + dir,
						"sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 1",
						"sentinel down-after-milliseconds " + MASTER + " 1000", ""));
		start(List.of(REDIS_SERVER.toString(), config.toString(), "--sentinel"), dir.resolve("sentinel.log"));
		RedisClient client = RedisClient.create();
		try (StatefulRedisSentinelConnection<String, String> sentinel = client
			.connectSentinel(RedisURI.create("redis://127.0.0.1:" + sentinelPort))) {
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> !sentinel.sync().replicas(MASTER).isEmpty());
		}
		finally {
			client.shutdown();
		}
	}

	@AfterAll
	static void stopRedis() {
		processes.forEach(Process::destroyForcibly);
	}

	@Test
	void aMessageIsAcknowledgedOnceTheReplicaHoldsIt() {
		try (AppInstance app = AppInstance.start("sentinel", settings(1));
				Chat chat = Chat.open(app, app, "sentinel-counsellor")) {
			String id = UUID.randomUUID().toString();
			chat.visitor().ws().send(Map.of("type", "message", "clientMsgId", id, "text", "Via de sentinel"));
			long seq = chat.visitor().ws().expect("sent").path("seq").asLong();
			JsonNode delivered = chat.counsellor().expect("message");
			assertThat(delivered.path("text").asString()).isEqualTo("Via de sentinel");
			assertThat(delivered.path("seq").asLong()).isEqualTo(seq);
			// Acknowledged means on the replica already: no waiting for it here.
			try (RedisClientConnection replica = RedisClientConnection.to(replicaPort)) {
				assertThat(replica.connection().sync().exists(RedisKeys.conversationLog(chat.conversationId())))
					.isOne();
			}
		}
	}

	@Test
	void aMessageNoReplicaCanConfirmIsRefusedByName() {
		// Two replicas asked for, one exists: never acknowledged, refused after the
		// retry.
		Map<String, Object> settings = new java.util.HashMap<>(settings(2));
		settings.put("uitweg.conversation.store-retry", "1s");
		settings.put("uitweg.conversation.replication.timeout", "100ms");
		try (AppInstance app = AppInstance.start("sentinel-two-replicas", settings);
				Chat chat = Chat.open(app, app, "sentinel-counsellor-2")) {
			String id = UUID.randomUUID().toString();
			chat.visitor().ws().send(Map.of("type", "message", "clientMsgId", id, "text", "Niet bevestigd"));
			JsonNode refused = chat.visitor().ws().expect("error");
			assertThat(refused.path("code").asString()).isEqualTo("store_unavailable");
			assertThat(refused.path("clientMsgId").asString()).isEqualTo(id);
		}
	}

	/**
	 * Only the sentinel: the URL (which the test support always sets) points nowhere
	 * useful and is not used once a sentinel is configured.
	 */
	private static Map<String, Object> settings(int replicas) {
		return Map.of("spring.data.redis.url", "redis://127.0.0.1:1", "spring.data.redis.sentinel.master", MASTER,
				"spring.data.redis.sentinel.nodes", "127.0.0.1:" + sentinelPort,
				"uitweg.conversation.replication.replicas", replicas);
	}

	private static void redis(Path dir, String name, int port, String... more) throws IOException {
		Path data = Files.createDirectories(dir.resolve(name));
		List<String> command = new ArrayList<>(List.of(REDIS_SERVER.toString(), "--port", String.valueOf(port),
				"--bind", "127.0.0.1", "--dir", data.toString(), "--save", "", "--appendonly", "no"));
		command.addAll(List.of(more));
		start(command, dir.resolve(name + ".log"));
	}

	private static void start(List<String> command, Path log) throws IOException {
		processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
	}

	/** A plain connection to one server, closed with its client. */
	private record RedisClientConnection(RedisClient client,
			StatefulRedisConnection<String, String> connection) implements AutoCloseable {

		static RedisClientConnection to(int port) {
			RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + port));
			return new RedisClientConnection(client, client.connect());
		}

		@Override
		public void close() {
			this.connection.close();
			this.client.shutdown();
		}

	}

}
