package nl.uitweg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness (docs/performance.md). By default a smoke run of a few seconds on
 * the shared test instances: it checks only that the harness works and that the report
 * holds every scenario and baseline, never a speed. The full run is
 * {@code ./mvnw -B test -Dtest=BenchmarkTests -Dbench.mode=full -Djacoco.skip=true}.
 */
class BenchmarkTests {

	@Test
	void writesAReportWithEveryScenarioAndBaseline() throws IOException {
		// The suite's leak detector ("advanced", pom.xml) records a stack trace on every
		// access to a sampled buffer: a full run measures with Netty's default instead.
		ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
		Map<String, Object> report;
		try {
			if (Bench.full()) {
				ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
			}
			report = new BenchmarkRun().run();
		}
		finally {
			ResourceLeakDetector.setLevel(level);
		}
		System.out.println(Report.markdown(report));
		// A profiling run of some scenarios (-Dbench.scenarios) is not checked here.
		org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("bench.scenarios", "").isBlank(),
				"only some scenarios ran");

		JsonNode json = JsonMapper.builder()
			.build()
			.readTree(Files.readString(BenchmarkRun.OUTPUT.resolve("report.json")));
		assertThat(json.path("scenarios").propertyNames()).containsExactly("waiting", "surge", "chat", "reconnect");
		JsonNode chat = json.path("scenarios").path("chat").get(0);
		List<String> systems = Bench.full() ? List.of("uitweg", "raw-relay", "pubsub-relay", "socketio-peer")
				: List.of("uitweg", "raw-relay", "pubsub-relay");
		for (String system : systems) {
			JsonNode fixed = chat.path("rounds").get(0).path(system).path("fixed");
			assertThat(fixed.path("delivered").asLong()).as(system + " delivered")
				.isEqualTo(fixed.path("sent").asLong());
		}
		assertThat(json.path("scenarios").path("waiting").get(0).path("queued").asInt())
			.isEqualTo(json.path("scenarios").path("waiting").get(0).path("visitors").asInt());
		JsonNode surge = json.path("scenarios").path("surge");
		assertThat(surge.path("assigned").asInt()).isEqualTo(surge.path("arrivals").asInt());
		assertThat(surge.path("offersReadInRedis").asInt()).as("every offer was read back from Redis")
			.isEqualTo(surge.path("arrivals").asInt());
		assertThat(surge.path("orderViolations").asLong()).isZero();
		JsonNode reconnect = json.path("scenarios").path("reconnect");
		assertThat(reconnect.path("resumed").asInt()).isEqualTo(reconnect.path("clients").asInt());
		assertThat(reconnect.path("acknowledged").asLong()).as("messages the counsellors had acknowledged")
			.isPositive();
		assertThat(reconnect.path("lost").asLong()).isZero();
		assertThat(reconnect.path("duplicated").asLong()).isZero();
		assertThat(Files.readString(BenchmarkRun.OUTPUT.resolve("report.md"))).contains("## Targets", "raw-relay",
				"pubsub-relay", "socketio-peer");
	}

}
