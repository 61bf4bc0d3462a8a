package nl.uitweg.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.DebianTool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Redis over TLS only, with passwords (Debian's {@code redis-server}, on loopback): a
 * primary and a TLS replica whose certificates come from a CA made at test time, trusted
 * through a Spring SSL bundle. Two instances reach it, one with {@code rediss://} and the
 * default user's password ({@code requirepass}) in its URL, the other with an ACL user
 * whose URL it reads from a mounted secret ({@code UITWEG_SECRETS_DIR}). Every connection
 * of each instance must use the bundle and the credentials: Spring Data's, pub/sub, rate
 * limits and replicated appends (acknowledged once the replica holds a message).
 */
class RedisTlsIntegrationTests {

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	private static final String PRIMARY_PASSWORD = "primary-secret";

	private static final String ACL_PASSWORD = "uitweg-secret";

	private static final List<Process> processes = new ArrayList<>();

	private static TestCertificates certificates;

	private static int tlsPort;

	private static Path secrets;

	@BeforeAll
	static void startRedis(@TempDir Path dir) throws Exception {
		DebianTool.require(REDIS_SERVER.toString(), "redis-server");
		certificates = TestCertificates.create(dir);
		tlsPort = FreePorts.find();
		int replicaPort = FreePorts.find();
		redis(dir, "primary", tlsPort);
		redis(dir, "replica", replicaPort, "replicaof 127.0.0.1 " + tlsPort, "masterauth " + PRIMARY_PASSWORD);
		try (var replica = TlsConnection.to(replicaPort, PRIMARY_PASSWORD)) {
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> replica.connection().sync().info("replication").contains("master_link_status:up"));
		}
		secrets = Files.createDirectories(dir.resolve("secrets"));
		Files.writeString(secrets.resolve("spring.data.redis.url"),
				"rediss://uitweg:" + ACL_PASSWORD + "@127.0.0.1:" + tlsPort);
	}

	@AfterAll
	static void stopRedis() {
		processes.forEach(Process::destroyForcibly);
	}

	@Test
	void aConversationRunsAcrossTwoInstancesOverTls() {
		Map<String, Object> urlWithPassword = settings(
				Map.of("spring.data.redis.url", "rediss://:" + PRIMARY_PASSWORD + "@127.0.0.1:" + tlsPort));
		Map<String, Object> urlFromSecret = settings(
				Map.of("spring.data.redis.url", AppInstance.UNSET, "UITWEG_SECRETS_DIR", secrets + "/"));
		try (AppInstance a = AppInstance.start("tls-a", urlWithPassword);
				AppInstance b = AppInstance.start("tls-b", urlFromSecret)) {
			ConversationAcrossInstances.complete(a, b, "tls-counsellor", 5);
			ConversationAcrossInstances.complete(b, a, "tls-counsellor-2", 3);
			ConversationAcrossInstances.limitsReachRedis("tls-probe", a, b);
		}
		try (var redis = TlsConnection.to(tlsPort, PRIMARY_PASSWORD)) {
			assertThat(redis.connection().sync().aclLog()).as("no refused logins").isEmpty();
		}
	}

	@Test
	void plainTextAndMissingPasswordsAreRefused() {
		RedisClient plain = RedisClient.create(RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(tlsPort)
			.withPassword(PRIMARY_PASSWORD.toCharArray())
			.withTimeout(Duration.ofSeconds(2))
			.build());
		try {
			assertThatThrownBy(plain::connect).as("plain text on the TLS port").isInstanceOf(RedisException.class);
		}
		finally {
			plain.shutdown();
		}
		RedisClient anonymous = TlsConnection.client(tlsPort, null);
		try {
			assertThatThrownBy(anonymous::connect).as("TLS without a password").hasStackTraceContaining("NOAUTH");
		}
		finally {
			anonymous.shutdown();
		}
	}

	private static Map<String, Object> settings(Map<String, Object> url) {
		Map<String, Object> settings = new java.util.HashMap<>(url);
		settings.put("spring.ssl.bundle.pem.redis.truststore.certificate", "file:" + certificates.ca());
		settings.put("spring.data.redis.ssl.bundle", "redis");
		settings.put("uitweg.conversation.replication.replicas", 1);
		return settings;
	}

	private static void redis(Path dir, String name, int port, String... more) throws IOException {
		Path data = Files.createDirectories(dir.resolve(name));
		List<String> lines = new ArrayList<>(
				List.of("port 0", "tls-port " + port, "bind 127.0.0.1", "dir " + data, "save \"\"", "appendonly no",
						"tls-cert-file " + certificates.certificate(), "tls-key-file " + certificates.key(),
						"tls-ca-cert-file " + certificates.ca(), "tls-auth-clients no", "tls-replication yes",
						"requirepass " + PRIMARY_PASSWORD, "user uitweg on >" + ACL_PASSWORD + " ~* &* +@all"));
		lines.addAll(List.of(more));
		Path config = dir.resolve(name + ".conf");
		Files.writeString(config, String.join("\n", lines) + "\n");
		processes.add(new ProcessBuilder(REDIS_SERVER.toString(), config.toString()).redirectErrorStream(true)
			.redirectOutput(dir.resolve(name + ".log").toFile())
			.start());
	}

	/** A test connection over TLS, trusting the test CA; closed with its client. */
	private record TlsConnection(RedisClient client,
			StatefulRedisConnection<String, String> connection) implements AutoCloseable {

		static TlsConnection to(int port, String password) {
			RedisClient client = client(port, password);
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
				client.connect().close();
				return true;
			});
			return new TlsConnection(client, client.connect());
		}

		static RedisClient client(int port, String password) {
			RedisURI.Builder uri = RedisURI.builder()
				.withHost("127.0.0.1")
				.withPort(port)
				.withSsl(true)
				.withTimeout(Duration.ofSeconds(5));
			if (password != null) {
				uri.withPassword(password.toCharArray());
			}
			RedisClient client = RedisClient.create(uri.build());
			client.setOptions(ClientOptions.builder()
				.sslOptions(SslOptions.builder().trustManager(certificates.ca().toFile()).build())
				.build());
			return client;
		}

		@Override
		public void close() {
			this.connection.close();
			this.client.shutdown();
		}

	}

}
