package nl.uitweg.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.uitweg.UitwegApplication;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside the dev and demo profiles the application refuses to start without its backend
 * URLs, before anything embedded starts, and says why in one paragraph.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionBackendsCheckIntegrationTests {

	@Test
	void refusesToStartWithoutEitherUrl(CapturedOutput output) {
		long redisServers = redisServerProcesses();
		assertThatThrownBy(() -> start("--spring.data.redis.url=", "--spring.mongodb.uri="))
			.isInstanceOf(BackendsNotConfigured.class)
			.hasMessageContaining("without REDIS_URL (spring.data.redis.url) and MONGODB_URI (spring.mongodb.uri)")
			.hasMessageContaining("dev profile");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Uitweg will not start without REDIS_URL")
			.contains("Set REDIS_URL and MONGODB_URI, or activate the dev or demo profile");
		assertThat(redisServerProcesses()).as("no embedded Redis was started").isEqualTo(redisServers);
	}

	@Test
	void namesTheOneUrlThatIsMissing() {
		assertThatThrownBy(() -> start("--spring.data.redis.url=redis://127.0.0.1:1", "--spring.mongodb.uri="))
			.isInstanceOf(BackendsNotConfigured.class)
			.hasMessageStartingWith("Uitweg will not start without MONGODB_URI (spring.mongodb.uri).");
	}

	@Test
	void takesRedisClusterNodesForAConfiguredRedis() {
		assertThatThrownBy(() -> start("--spring.data.redis.url=", "--REDIS_CLUSTER_NODES=127.0.0.1:1,127.0.0.1:2",
				"--spring.mongodb.uri="))
			.isInstanceOf(BackendsNotConfigured.class)
			.hasMessageStartingWith("Uitweg will not start without MONGODB_URI (spring.mongodb.uri).");
	}

	@Test
	void anotherProfileDoesNotLetTheEmbeddedServersIn() {
		assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--spring.data.redis.url=",
				"--spring.mongodb.uri=mongodb://127.0.0.1:1/uitweg"))
			.isInstanceOf(BackendsNotConfigured.class)
			.hasMessageStartingWith("Uitweg will not start without REDIS_URL (spring.data.redis.url).");
	}

	private static void start(String... args) {
		String[] all = new String[args.length + 2];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		all[args.length + 1] = "--spring.main.banner-mode=off";
		new SpringApplicationBuilder(UitwegApplication.class).web(WebApplicationType.REACTIVE).run(all).close();
	}

	private static long redisServerProcesses() {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains("redis-server"))
			.count();
	}

}
