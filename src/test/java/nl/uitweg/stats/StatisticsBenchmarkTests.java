package nl.uitweg.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.stats.StatisticsBenchmarkReport.Call;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long every statistics call takes over a year of records, on a MongoDB stand-in of
 * its own. A benchmark, not a timed test: it checks only what cannot be flaky (every call
 * answers, the totals are the numbers inserted) and reports the times in
 * {@code target/benchmarks}. Small by default so it can run with every build; see
 * docs/statistics.md ("Query performance") for the full run.
 */
class StatisticsBenchmarkTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final int CONVERSATIONS = Integer.getInteger("stats.benchmark.conversations", 2_000);

	private static final double REGISTRATIONS_SHARE = Double
		.parseDouble(System.getProperty("stats.benchmark.registrations-share", "0.6"));

	private static final int WARMUPS = Integer.getInteger("stats.benchmark.warmups", 0);

	private static final int REPETITIONS = Integer.getInteger("stats.benchmark.repetitions", 1);

	private static final long SEED = Long.getLong("stats.benchmark.seed", 20261130L);

	/** A Redis database no other test uses, for the instance's sessions and keys. */
	private static final int REDIS_DATABASE = 11;

	private static final String DATABASE = "uitweg-bench";

	/**
	 * The stand-in runs a query on the network thread of its connection, so a long
	 * aggregation holds up the handshake of a new connection (and the driver's heartbeat)
	 * that lands on the same thread; past the 10 s default the driver clears its pool and
	 * fails every call in flight. Real MongoDB answers a handshake on its own thread.
	 */
	private static final String PATIENT = "?connectTimeoutMS=600000";

	private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static MongoServer mongo;

	private static AppInstance app;

	private static WebClient client;

	private static StatisticsBenchmarkData data;

	private static double loadSeconds;

	@BeforeAll
	static void loadAYearOfRecords() throws IOException {
		int port = FreePorts.find();
		mongo = new MongoServer(new MemoryBackend());
		mongo.bind("127.0.0.1", port);
		app = AppInstance.start("stats-benchmark",
				Map.of("spring.mongodb.uri", "mongodb://127.0.0.1:" + port + "/" + DATABASE + PATIENT,
						"spring.mongodb.database", DATABASE, "spring.data.redis.url",
						TestBackends.get().redisUrl() + "/" + REDIS_DATABASE));
		client = StaffLogin.of(app.port(), "admin", "admin-test-password")
			.client(app.port())
			.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
			.build();
		// The year up to yesterday, so the staffing advice (the last 52 weeks up to now)
		// reads it too.
		LocalDate to = LocalDate.now(ZONE).minusDays(1);
		data = new StatisticsBenchmarkData(ZONE, to.minusDays(364), to, SEED, REGISTRATIONS_SHARE);
		long started = System.nanoTime();
		data.insert(app.bean(ReactiveMongoTemplate.class), CONVERSATIONS, LOAD_TIMEOUT);
		loadSeconds = (System.nanoTime() - started) / 1e9;
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (mongo != null) {
			mongo.shutdownNow();
		}
	}

	@Test
	void answersEveryStatisticsCallOverAYearOfRecords() throws IOException {
		String range = "from=" + data.from() + "&to=" + data.to();
		List<Call> calls = new ArrayList<>();
		for (Endpoint endpoint : List.of(new Endpoint("registrations", "/api/v1/stats/registrations?" + range),
				new Endpoint("registrations CSV", "/api/v1/stats/registrations/export.csv?" + range),
				new Endpoint("crosstab forcedCrimeForms x ageGroup",
						"/api/v1/stats/registrations/crosstab?" + range + "&rows=forcedCrimeForms&columns=ageGroup"),
				new Endpoint("crosstab CSV",
						"/api/v1/stats/registrations/crosstab/export.csv?" + range
								+ "&rows=forcedCrimeForms&columns=ageGroup"),
				new Endpoint("demand by week", "/api/v1/stats/demand?" + range + "&by=week"),
				new Endpoint("demand by month", "/api/v1/stats/demand?" + range + "&by=month"),
				new Endpoint("demand by quarter", "/api/v1/stats/demand?" + range + "&by=quarter"),
				new Endpoint("demand CSV by week", "/api/v1/stats/demand/export.csv?" + range + "&by=week"),
				new Endpoint("feedback by month", "/api/v1/stats/feedback?" + range + "&by=month"),
				new Endpoint("feedback CSV by month", "/api/v1/stats/feedback/export.csv?" + range + "&by=month"),
				new Endpoint("feedback by answer (ageGroup)",
						"/api/v1/stats/feedback/by-answer?" + range + "&field=ageGroup"),
				new Endpoint("feedback by answer CSV",
						"/api/v1/stats/feedback/by-answer/export.csv?" + range + "&field=ageGroup"),
				new Endpoint("campaigns", "/api/v1/stats/campaigns?" + range),
				new Endpoint("campaigns CSV", "/api/v1/stats/campaigns/export.csv?" + range),
				new Endpoint("staffing (52 weeks)", "/api/v1/stats/staffing?weeks=52"),
				new Endpoint("staffing CSV (52 weeks)", "/api/v1/stats/staffing/export.csv?weeks=52"))) {
			calls.add(StatisticsBenchmarkReport.measure(client, endpoint.name(), endpoint.path(), WARMUPS, REPETITIONS,
					CALL_TIMEOUT));
		}
		var report = new StatisticsBenchmarkReport(CONVERSATIONS, data.registrations(), data.from(), data.to(),
				loadSeconds, data.recordBytes(), data.registrationBytes(), data.demandGroups(), WARMUPS, REPETITIONS,
				calls);
		report.write(Path.of("target", "benchmarks"));
		System.out.println(report.markdown());

		assertThat(calls).allSatisfy((call) -> assertThat(call.status()).as(call.name()).isEqualTo(200));
		JsonNode registrations = JSON.readTree(body(calls, "registrations"));
		assertThat(registrations.path("total").asLong()).isEqualTo(data.registrations());
		JsonNode demand = JSON.readTree(body(calls, "demand by week"));
		assertThat(demand.path("total").path("contacts").asLong()).isEqualTo(CONVERSATIONS);
	}

	/** A statistics call: its name in the report, and its path with the query. */
	private record Endpoint(String name, String path) {
	}

	private static String body(List<Call> calls, String name) {
		return calls.stream().filter((call) -> call.name().equals(name)).findFirst().orElseThrow().body();
	}

}
