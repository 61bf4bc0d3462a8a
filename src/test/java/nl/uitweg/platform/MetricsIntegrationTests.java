package nl.uitweg.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.DebianTool;
import nl.uitweg.support.Scrape;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /actuator/prometheus over a whole conversation: queued, an offer that lapses, assigned,
 * messages both ways, a resume on each side, the end. Counters are read exactly; the
 * gauges a loop refreshes from Redis are awaited. Runs on a Redis database of its own, so
 * the figures are this test's alone.
 */
class MetricsIntegrationTests {

	private static final int DATABASE = 13;

	private static final String TOKEN = "metrics-" + UUID.randomUUID();

	private static final Pattern UUID_LIKE = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static AppInstance app;

	@BeforeAll
	static void start() {
		TestBackends.get().redis(DATABASE).flushdb();
		app = AppInstance.start("metrics",
				Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/" + DATABASE, "uitweg.metrics.token",
						TOKEN, "uitweg.metrics.refresh", "200ms", "uitweg.queue.offer-timeout", "2s"));
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void theScrapeFollowsAConversationAndNamesNobody() {
		Scrape first = awaitScrape((s) -> s.value("uitweg_backend_up", "backend", "redis") == 1
				&& s.value("uitweg_backend_up", "backend", "mongodb") == 1, "both backends up");
		assertThat(waiting(first)).isZero();
		assertThat(first.value("uitweg_conversations_active")).isZero();
		assertThat(first.value("uitweg_offers_lapsed_total")).isZero();
		assertThat(first.value("uitweg_queue_wait_seconds_count")).isZero();
		assertThat(first.value("uitweg_websocket_connections", "endpoint", "visitor")).isZero();

		Visitor visitor = Visitor.connect(app.port());
		String conversationId = visitor.start();
		awaitScrape((s) -> s.value("uitweg_queue_waiting", "band", "normal") == 1
				&& s.value("uitweg_websocket_connections", "endpoint", "visitor") == 1, "one visitor waiting");

		// A counsellor who lets the offer lapse (uitweg.queue.offer-timeout: 2s).
		try (WsClient lazy = console("metrics-lazy")) {
			lazy.expect("offer");
			awaitScrape((s) -> s.value("uitweg_offers_lapsed_total") == 1 && waiting(s) == 1, "the offer lapsed");
		}

		WsClient counsellor = console("metrics-counsellor");
		counsellor.expect("offer", (f) -> f.path("conversationId").asString().equals(conversationId));
		counsellor.send(Map.of("type", "accept", "conversationId", conversationId));
		counsellor.expect("assigned");
		visitor.ws().expect("assigned");
		Scrape assigned = awaitScrape((s) -> waiting(s) == 0 && s.value("uitweg_queue_offered") == 0
				&& s.value("uitweg_conversations_active") == 1
				&& s.value("uitweg_websocket_connections", "endpoint", "counsellor") == 1, "assigned");
		assertThat(assigned.value("uitweg_queue_wait_seconds_count")).as("one first answer").isEqualTo(1);
		assertThat(assigned.value("uitweg_queue_wait_seconds_sum")).as("waited through the lapse").isGreaterThan(1);

		for (int i = 1; i <= 3; i++) {
			visitor.ws().send(Map.of("type", "message", "clientMsgId", "v" + i, "text", "geheime tekst " + i));
			visitor.ws().expect("sent");
		}
		// The same client id again: answered with the same seq, not relayed twice.
		visitor.ws().send(Map.of("type", "message", "clientMsgId", "v3", "text", "geheime tekst 3"));
		long lastSeq = visitor.ws().expect("sent").path("seq").asLong();
		for (int i = 1; i <= 2; i++) {
			counsellor.send(Map.of("type", "message", "conversationId", conversationId, "clientMsgId", "c" + i, "text",
					"vertrouwelijk antwoord " + i));
			counsellor.expect("sent");
		}
		Scrape talked = Scrape.of(app, TOKEN);
		assertThat(talked.value("uitweg_messages_relayed_total", "sender", "visitor")).isEqualTo(3);
		assertThat(talked.value("uitweg_messages_relayed_total", "sender", "counsellor")).isEqualTo(2);
		assertThat(talked.value("uitweg_resumes_total")).isZero();

		// Both sides drop and come back.
		visitor.ws().drop();
		awaitScrape((s) -> s.value("uitweg_websocket_connections", "endpoint", "visitor") == 0, "visitor gone");
		Visitor back = Visitor.reconnect(app.port(), visitor.token(), lastSeq);
		counsellor.close();
		WsClient console = WsClient.counsellor(app.port(), login("metrics-counsellor"));
		console.expect("welcome");
		console.send(Map.of("type", "resume", "conversations",
				List.of(Map.of("conversationId", conversationId, "lastSeq", 0))));
		console.expect("message");
		Scrape resumed = awaitScrape((s) -> s.value("uitweg_resumes_total", "role", "counsellor") == 1,
				"console resumed");
		assertThat(resumed.value("uitweg_resumes_total", "role", "visitor")).isEqualTo(1);
		assertThat(resumed.value("uitweg_websocket_connections", "endpoint", "visitor")).isEqualTo(1);

		console.send(Map.of("type", "end", "conversationId", conversationId));
		back.ws().expect("ended");
		Scrape ended = awaitScrape((s) -> s.value("uitweg_conversations_active") == 0, "ended");
		assertThat(ended.value("uitweg_messages_relayed_total")).as("system messages are not counted").isEqualTo(5);

		assertThat(ended.text()).doesNotContain(conversationId, visitor.token(), "geheime tekst",
				"vertrouwelijk antwoord", "metrics-counsellor", "metrics-lazy");
		ended.samples()
			.forEach((sample) -> assertThat(sample.labels().values()).as("labels of %s", sample.name())
				.noneMatch((value) -> UUID_LIKE.matcher(value).find()));
		back.close();
		console.close();
	}

	@Test
	void theScrapeNeedsTheToken() {
		assertThat(status(null)).isEqualTo(401);
		assertThat(status("Bearer not-the-token")).isEqualTo(401);
		assertThat(status(TOKEN)).as("the token without Bearer").isEqualTo(401);
		assertThat(status("Bearer " + TOKEN)).isEqualTo(200);
	}

	/**
	 * deploy/nginx/nginx.conf (Debian's nginx on loopback, its upstream this instance)
	 * refuses the actuator however it is spelled, token or not, and passes the rest.
	 */
	@Test
	void theLoadBalancerKeepsTheActuatorFromThePublicSide(@TempDir Path dir) throws Exception {
		Path nginx = DebianTool.require("/usr/sbin/nginx", "nginx");
		int port = FreePorts.find();
		String config = Files.readString(Path.of("deploy/nginx/nginx.conf"))
			.replaceAll("(?m)^\\s*server app-\\d:8080[^;]*;\\n", "")
			.replace("upstream uitweg {", "upstream uitweg {\n    server 127.0.0.1:" + app.port() + ";")
			.replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
		Files.writeString(dir.resolve("nginx.conf"), config);
		Process process = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c",
				dir.resolve("nginx.conf").toString(), "-g",
				"daemon off; pid " + dir.resolve("nginx.pid") + "; error_log " + dir.resolve("error.log") + ";")
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("nginx.out").toFile())
			.start();
		try {
			HttpClient http = HttpClient.newHttpClient();
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get(http, port, "/", null) == 200);
			for (String path : List.of("/actuator/prometheus", "/actuator/%70rometheus", "/%61ctuator/prometheus",
					"//actuator/prometheus", "/actuator/../actuator/prometheus", "/actuator/health")) {
				assertThat(get(http, port, path, "Bearer " + TOKEN)).as(path + " through nginx").isEqualTo(404);
			}
			assertThat(get(http, app.port(), "/actuator/prometheus", "Bearer " + TOKEN)).as("directly").isEqualTo(200);
		}
		finally {
			process.destroy();
			process.waitFor();
		}
	}

	private static int get(HttpClient http, int port, String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10));
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static int status(String authorization) {
		return WebClient.create("http://127.0.0.1:" + app.port())
			.get()
			.uri("/actuator/prometheus")
			.headers((headers) -> {
				if (authorization != null) {
					headers.set(HttpHeaders.AUTHORIZATION, authorization);
				}
			})
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(10));
	}

	private static double waiting(Scrape scrape) {
		return scrape.value("uitweg_queue_waiting");
	}

	private static WsClient console(String username) {
		WsClient console = WsClient.counsellor(app.port(), login(username));
		console.expect("welcome");
		console.send(Map.of("type", "availability", "status", "available"));
		console.expect("availability");
		return console;
	}

	private static StaffLogin login(String username) {
		app.ensureCounsellor(username, "password-" + username, 3);
		return StaffLogin.of(app.port(), username, "password-" + username);
	}

	private static Scrape awaitScrape(Predicate<Scrape> condition, String what) {
		return await(what).atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> Scrape.of(app, TOKEN), condition);
	}

}
