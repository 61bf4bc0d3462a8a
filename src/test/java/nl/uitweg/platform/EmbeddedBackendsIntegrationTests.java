package nl.uitweg.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no external servers configured, the application in the dev profile brings its own
 * and cleans up after.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedBackendsIntegrationTests {

	@Test
	void startsRealRedisAndTheWireProtocolMongoServerAndStopsBoth(@TempDir Path data, CapturedOutput output)
			throws Exception {
		int redisPort = FreePorts.find();
		long before = redisServerProcesses();
		AppInstance app = AppInstance.embedded("embedded",
				Map.of("uitweg.embedded.data-directory", data.toString(), "uitweg.embedded.redis-port", redisPort));
		try {
			assertThat(output).contains("Backends: Redis embedded redis-server on 127.0.0.1:" + redisPort)
				.contains("MongoDB embedded mongo-java-server on 127.0.0.1:");
			assertThat(redisServerProcesses()).isEqualTo(before + 1);
			assertThat(accepts(redisPort)).isTrue();
			JsonNode health = WebClient.create("http://127.0.0.1:" + app.port())
				.get()
				.uri("/actuator/health")
				.retrieve()
				.bodyToMono(JsonNode.class)
				.block(Duration.ofSeconds(10));
			assertThat(health.path("status").asString()).isEqualTo("UP");
			// The first coordinator exists, with the configured password.
			assertThat(StaffLogin.of(app.port(), "admin", "admin-test-password").session()).isNotBlank();
			// The dev profile (as ./mvnw spring-boot:run starts it) publishes the REST
			// reference.
			assertThat(WebClient.create("http://127.0.0.1:" + app.port())
				.get()
				.uri("/v3/api-docs")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10))
				.getStatusCode()
				.value()).isEqualTo(200);
		}
		finally {
			app.close();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> redisServerProcesses() == before);
		assertThat(accepts(redisPort)).as("nothing listens on the embedded Redis port any more").isFalse();
		assertThat(Files.exists(data.resolve("uitweg.mv"))).isTrue();
		assertThat(Files.isDirectory(data.resolve("redis"))).isTrue();
	}

	@Test
	void keepsStaffAccountsAcrossRestartsInTheFileStore(@TempDir Path data) throws Exception {
		Map<String, Object> settings = Map.of("uitweg.embedded.data-directory", data.toString());
		AppInstance first = AppInstance.embedded("embedded-first", settings);
		first.ensureCounsellor("persisted", "password-persisted", 2);
		first.close();
		AppInstance second = AppInstance.embedded("embedded-second", settings);
		try {
			assertThat(StaffLogin.of(second.port(), "persisted", "password-persisted").session()).isNotBlank();
		}
		finally {
			second.close();
		}
	}

	private static long redisServerProcesses() {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains("redis-server"))
			.count();
	}

	private static boolean accepts(int port) {
		try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

}
