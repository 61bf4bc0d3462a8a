package nl.uitweg.privacy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.support.AppInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise of anonymity, checked end to end. A scripted session runs on two instances
 * that share one Redis (with persistence on, as the embedded one runs) and one MongoDB,
 * both of them this test's own: five visitors from known addresses (127.0.0.41 and up on
 * loopback) with known user agents and made-up forwarding headers, two counsellors, a
 * dropped connection resumed on the other instance, a transfer, a block, a quick exit, a
 * registration and a statistics call, with known message texts (random markers). Then
 * every place the system keeps things is searched for the texts, the addresses (also the
 * forwarded ones), the user agents, the resume tokens and the staff session and CSRF
 * values:
 * <ul>
 * <li>the captured logs, at the application's normal INFO level;</li>
 * <li>every document of every MongoDB collection;</li>
 * <li>every Redis key and value of every type, once the text lifetime
 * ({@code uitweg.conversation.text-retention}, 2 s here) has passed;</li>
 * <li>the Redis data files (append-only file and snapshots), once the bound for text on
 * disk has passed.</li>
 * </ul>
 * Each check first shows that it saw data (and, while the chat ran, that Redis and its
 * append-only file did hold a marker), so none can pass by looking at nothing.
 * <p>
 * Settings, as system properties (all optional):
 * <ul>
 * <li>{@code privacy.text-retention} (default {@code 2s}): passed to the instances as
 * {@code uitweg.conversation.text-retention};</li>
 * <li>{@code privacy.data-files-bound} (default {@code 20s}): how long after the text
 * lifetime the data files may still hold text;</li>
 * <li>{@code privacy.app-properties}: further instance settings,
 * {@code name=value;name=value}, applied after {@link #REWRITE_TEST_SETTINGS}.</li>
 * </ul>
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyScanIntegrationTests {

	/**
	 * Instance settings that make the scheduled scrub of the Redis data files
	 * ({@code RedisPersistenceScrubber} on the branch that brings it: SCAN, BGSAVE,
	 * BGREWRITEAOF every {@code uitweg.privacy.rewrite-interval}, at most 1.25 intervals
	 * apart) run within {@code privacy.data-files-bound}. Without that scrub the
	 * instances ignore the name and the data-file check fails: the append-only file keeps
	 * every text.
	 */
	static final Map<String, Object> REWRITE_TEST_SETTINGS = Map.of("uitweg.privacy.rewrite-interval", "3s");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TEXT_RETENTION = Duration
		.parse("PT" + System.getProperty("privacy.text-retention", "2s").toUpperCase());

	private static final Duration DATA_FILES_BOUND = Duration
		.parse("PT" + System.getProperty("privacy.data-files-bound", "20s").toUpperCase());

	/** This run's prefix: no other test, and no earlier run, writes it anywhere. */
	private static final String RUN = HexFormat.of().formatHex(randomBytes(4));

	private static final PrivacyScan SCAN = new PrivacyScan();

	private static final List<String> MARKERS = new ArrayList<>();

	private static Path redisDir;

	private static RedisServer redis;

	private static String redisUrl;

	private static MongoServer mongo;

	private static String mongoUri;

	private static AppInstance x;

	private static AppInstance y;

	private static CapturedOutput logs;

	/** While the chat ran: did Redis and its files hold the first marker? */
	private static boolean markerSeenLiveInRedis;

	private static boolean markerSeenLiveOnDisk;

	private static long endedAtNanos;

	/** A browser on a device: where it connects from and what it says about itself. */
	private record Device(InetAddress address, Map<String, String> headers) {

		static Device visitor(int lastByte, String forwardedFor) throws IOException {
			String dotted = "127.0.0." + lastByte;
			String agent = "Mozilla/5.0 (Linux; Android 14) PrivacyProbe-" + RUN + "-" + lastByte;
			SCAN.address("visitor address", dotted);
			SCAN.address("forwarded address", forwardedFor);
			SCAN.address("forwarded address", "198.51.100." + lastByte);
			SCAN.literal("user agent", agent);
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("User-Agent", agent);
			// Not trusted (no forward-headers strategy is set): must be ignored.
			headers.put("X-Forwarded-For", forwardedFor);
			headers.put("X-Real-IP", forwardedFor);
			headers.put("Forwarded", "for=198.51.100." + lastByte + ";proto=https");
			return new Device(InetAddress.getByName(dotted), headers);
		}

	}

	/** A signed-in staff member: cookie values and the client they use. */
	private record Staff(String username, String session, String xsrf, int port) {

		private static final String AGENT = "Mozilla/5.0 (X11; Linux) StaffProbe-" + RUN;

		static Staff login(AppInstance instance, String username, String password) {
			ProbeHttp.Response response = ProbeHttp.call("POST", InetAddress.getLoopbackAddress(), instance.port(),
					"/api/v1/auth/login", Map.of("User-Agent", AGENT),
					JSON.writeValueAsString(Map.of("username", username, "password", password)));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			String session = cookie(response, "SESSION");
			String xsrf = cookie(response, "XSRF-TOKEN");
			SCAN.literal("staff session cookie of " + username, session);
			SCAN.literal("CSRF token of " + username, xsrf);
			SCAN.literal("staff user agent", AGENT);
			return new Staff(username, session, xsrf, instance.port());
		}

		private static String cookie(ProbeHttp.Response response, String name) {
			return response.setCookies()
				.stream()
				.filter((header) -> header.startsWith(name + "="))
				.map((header) -> header.substring(name.length() + 1).split(";", 2)[0])
				.findFirst()
				.orElseThrow(() -> new AssertionError("No " + name + " cookie in " + response.setCookies()));
		}

		Map<String, String> headers() {
			return Map.of("User-Agent", AGENT, "Cookie", "SESSION=" + this.session + "; XSRF-TOKEN=" + this.xsrf,
					"X-XSRF-TOKEN", this.xsrf);
		}

		ProbeHttp.Response call(String method, String path, String body) {
			return ProbeHttp.call(method, InetAddress.getLoopbackAddress(), this.port, path, headers(), body);
		}

		ProbeSocket console() throws IOException {
			ProbeSocket console = ProbeSocket.open(InetAddress.getLoopbackAddress(), this.port, "/ws/counsellor",
					headers());
			console.expect("welcome");
			return console;
		}

	}

	@BeforeAll
	static void runTheScriptedSession(CapturedOutput output) throws Exception {
		logs = output;
		startBackends();
		Map<String, Object> settings = new HashMap<>();
		settings.put("spring.data.redis.url", redisUrl);
		settings.put("spring.mongodb.uri", mongoUri);
		settings.put("uitweg.conversation.text-retention", TEXT_RETENTION.toMillis() + "ms");
		settings.putAll(REWRITE_TEST_SETTINGS);
		settings.putAll(extraSettings());
		x = AppInstance.start("privacy-x", settings);
		y = AppInstance.start("privacy-y", settings);
		x.ensureCounsellor("privacy-c1", "password-privacy-c1", 3);
		x.ensureCounsellor("privacy-c2", "password-privacy-c2", 3);
		script();
	}

	private static void startBackends() throws IOException {
		redisDir = Files.createTempDirectory("uitweg-privacy-redis");
		int redisPort = FreePorts.find();
		// As the embedded Redis runs with persistence (EmbeddedRedisConfiguration), but
		// with uncompressed snapshots: LZF could hide a text from a byte search.
		redis = RedisServer.newRedisServer()
			.port(redisPort)
			.bind("127.0.0.1")
			.setting("dir " + redisDir)
			.setting("appendonly yes")
			.setting("appendfsync everysec")
			.setting("save 60 1")
			.setting("rdbcompression no")
			.onShutdownForceStop(true)
			.build();
		redis.start();
		redisUrl = "redis://127.0.0.1:" + redisPort;
		int mongoPort = FreePorts.find();
		mongo = new MongoServer(new MemoryBackend());
		mongo.bind("127.0.0.1", mongoPort);
		mongoUri = "mongodb://127.0.0.1:" + mongoPort + "/uitweg";
	}

	private static Map<String, Object> extraSettings() {
		Map<String, Object> extra = new HashMap<>();
		for (String pair : System.getProperty("privacy.app-properties", "").split(";")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				extra.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
			}
		}
		return extra;
	}

	@AfterAll
	static void stop() throws IOException {
		if (x != null) {
			x.close();
		}
		if (y != null) {
			y.close();
		}
		if (redis != null) {
			redis.stop();
		}
		if (mongo != null) {
			mongo.shutdownNow();
		}
	}

	// ---- the scripted session ---------------------------------------------------------

	private static void script() throws Exception {
		Staff c1 = Staff.login(x, "privacy-c1", "password-privacy-c1");
		Staff c2 = Staff.login(y, "privacy-c2", "password-privacy-c2");
		Staff coordinator = Staff.login(x, "admin", "admin-test-password");
		try (ProbeSocket console1 = c1.console(); ProbeSocket console2 = c2.console()) {
			console1.send(Map.of("type", "availability", "status", "available"));
			console1.expect("availability");

			// 1. A visitor on X talks with c1, drops, resumes on Y, and is handed to c2.
			Device phone = Device.visitor(41, "203.0.113.41");
			String token1 = newSession(x, phone);
			ProbeSocket v1 = visitor(x, phone, token1, 0);
			v1.send(Map.of("type", "start", "intake", Map.of("contactRole", "VICTIM_SELF", "ageGroup", "AGE_13_17")));
			String cid1 = v1.expect("queued").path("conversationId").asString();
			accept(console1, cid1);
			v1.expect("assigned");
			String m1 = visitorSays(v1, console1, "Ik moet pakketjes rondbrengen");
			v1.send(Map.of("type", "typing", "active", true));
			long seq = counsellorSays(console1, cid1, v1, "Dank je dat je het vertelt");
			checkTheMarkerIsLive(m1);
			v1.drop();
			ProbeSocket v1b = visitor(y, phone, token1, seq);
			counsellorSays(console1, cid1, v1b, "Ben je er nog?");
			visitorSays(v1b, console1, "Ja, de verbinding viel weg");
			console1.send(Map.of("type", "transfer", "conversationId", cid1, "to", "privacy-c2"));
			console1.expect("transfer_requested");
			console2.expect("offer", (f) -> f.path("conversationId").asString().equals(cid1));
			console2.send(Map.of("type", "accept", "conversationId", cid1));
			console2.expect("assigned", (f) -> f.path("conversationId").asString().equals(cid1));
			console1.expect("transferred");
			v1b.expect("assigned", (f) -> f.path("counsellor").path("displayName").asString().endsWith("privacy-c2"));
			visitorSays(v1b, console2, "Ze zeggen dat ik een schuld heb");
			counsellorSays(console2, cid1, v1b, "Dat is geen echte schuld");
			console2.send(Map.of("type", "end", "conversationId", cid1));
			v1b.expect("ended");
			v1b.send(Map.of("type", "feedback", "helped", "YES"));
			v1b.close();

			// 2. A visitor on Y is blocked by c1. Its forwarding headers name an address
			// that a later visitor from elsewhere also claims: that one is not blocked,
			// while the blocked visitor's own address stays blocked under other headers.
			Device abuser = Device.visitor(42, "203.0.113.42");
			ProbeSocket v2 = visitor(y, abuser, newSession(y, abuser), 0);
			v2.send(Map.of("type", "start"));
			String cid2 = v2.expect("queued").path("conversationId").asString();
			accept(console1, cid2);
			visitorSays(v2, console1, "Waar zit je kantoor precies");
			console1.send(Map.of("type", "block", "conversationId", cid2));
			assertThat(v2.expect("ended").path("reason").asString()).isEqualTo("blocked");
			console1.expect("ended", (f) -> f.path("conversationId").asString().equals(cid2));
			v2.close();
			console1.send(Map.of("type", "availability", "status", "away"));
			console1.expect("availability");

			// 3. Claims the blocked visitor's forwarded address from another address:
			// queued, writes while waiting, and leaves (quick exit).
			Device claimant = Device.visitor(43, "203.0.113.42");
			ProbeSocket v3 = visitor(x, claimant, newSession(x, claimant), 0);
			v3.send(Map.of("type", "start"));
			assertThat(v3.expect("queued").path("conversationId").asString())
				.as("forwarding headers are not trusted, so a block does not follow them")
				.isNotBlank();
			String m8 = marker("Is er iemand");
			v3.send(Map.of("type", "message", "clientMsgId", UUID.randomUUID().toString(), "text", m8));
			v3.expect("sent");
			v3.send(Map.of("type", "leave"));
			v3.expect("ended");
			v3.close();

			// 4. The blocked address under other forwarding headers stays blocked.
			Device sameDeviceOtherHeaders = Device.visitor(42, "203.0.113.99");
			ProbeSocket v4 = visitor(x, sameDeviceOtherHeaders, newSession(x, sameDeviceOtherHeaders), 0);
			v4.send(Map.of("type", "start"));
			assertThat(v4.expect("closed").has("nextOpening")).as("blocked: a neutral 'not available'").isFalse();
			v4.close();

			// 5. Acute danger on X, answered by c2 on Y; the visitor leaves.
			console2.send(Map.of("type", "availability", "status", "available"));
			console2.expect("availability");
			Device friend = Device.visitor(45, "203.0.113.45");
			ProbeSocket v5 = visitor(x, friend, newSession(x, friend), 0);
			v5.send(Map.of("type", "start", "intake", Map.of("contactRole", "PEER", "acuteDanger", true)));
			String cid5 = v5.expect("queued").path("conversationId").asString();
			accept(console2, cid5);
			visitorSays(v5, console2, "Mijn vriend wordt bedreigd");
			counsellorSays(console2, cid5, v5, "Bel 112 als hij nu in gevaar is");
			console2.send(Map.of("type", "typing", "conversationId", cid5, "active", true));
			v5.send(Map.of("type", "leave"));
			console2.expect("ended", (f) -> f.path("conversationId").asString().equals(cid5));
			v5.close();

			// 6. Registrations, then the statistics.
			register(c2, cid1, Map.of("contactRole", "VICTIM_SELF", "forcedCrimeForms", List.of("DRUGS"),
					"coercionMeans", List.of("DEBT"), "ageGroup", "AGE_13_17", "region", "UTRECHT"));
			register(c1, cid2, Map.of("contactRole", "UNKNOWN"));
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
			ProbeHttp.Response statistics = coordinator.call("GET", "/api/v1/stats/registrations?" + range, "");
			assertThat(statistics.status()).as(statistics.body()).isEqualTo(200);
			assertThat(JSON.readTree(statistics.body()).path("k").asInt()).isEqualTo(5);
			ProbeHttp.Response demand = coordinator.call("GET", "/api/v1/stats/demand?by=week&" + range, "");
			assertThat(demand.status()).as(demand.body()).isEqualTo(200);
		}
		for (Staff staff : List.of(c1, c2, coordinator)) {
			assertThat(staff.call("POST", "/api/v1/auth/logout", "").status()).isEqualTo(204);
		}
		endedAtNanos = System.nanoTime();
	}

	private static String newSession(AppInstance instance, Device device) {
		for (String path : List.of("/", "/visitor/visitor.js", "/api/v1/taxonomy")) {
			ProbeHttp.Response page = ProbeHttp.call("GET", device.address(), instance.port(), path, device.headers(),
					"");
			assertThat(page.status()).as(path).isEqualTo(200);
			assertThat(page.setCookies()).as("a visitor gets no cookie from " + path).isEmpty();
			assertThat(page.cacheControl()).as("the browser keeps no copy of " + path)
				.anyMatch((v) -> v.contains("no-store"));
		}
		ProbeHttp.Response created = ProbeHttp.call("POST", device.address(), instance.port(),
				"/api/v1/visitor/sessions", device.headers(), "{\"locale\":\"nl\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.setCookies()).as("a visitor gets no cookie").isEmpty();
		String token = JSON.readTree(created.body()).path("resumeToken").asString();
		SCAN.literal("resume token", token);
		return token;
	}

	private static ProbeSocket visitor(AppInstance instance, Device device, String token, long lastSeq)
			throws IOException {
		ProbeSocket ws = ProbeSocket.open(device.address(), instance.port(), "/ws/visitor", device.headers());
		ws.send(Map.of("type", "hello", "token", token, "lastSeq", lastSeq));
		ws.expect("welcome");
		return ws;
	}

	private static void accept(ProbeSocket console, String cid) {
		console.expect("offer", (f) -> f.path("conversationId").asString().equals(cid));
		console.send(Map.of("type", "accept", "conversationId", cid));
		console.expect("assigned", (f) -> f.path("conversationId").asString().equals(cid));
	}

	/** A known text with a unique marker in it, to be searched for later. */
	private static String marker(String words) {
		String marker = "pm" + RUN + "x" + MARKERS.size();
		MARKERS.add(marker);
		SCAN.literal("message text", marker);
		return words + " " + marker + " en meer";
	}

	private static String visitorSays(ProbeSocket visitor, ProbeSocket console, String words) {
		String text = marker(words);
		visitor.send(Map.of("type", "message", "clientMsgId", UUID.randomUUID().toString(), "text", text));
		visitor.expect("sent");
		console.expect("message", (f) -> f.path("text").asString().equals(text));
		return text;
	}

	/** Returns the seq the visitor saw the message with. */
	private static long counsellorSays(ProbeSocket console, String cid, ProbeSocket visitor, String words) {
		String text = marker(words);
		console.send(Map.of("type", "message", "conversationId", cid, "clientMsgId", UUID.randomUUID().toString(),
				"text", text));
		console.expect("sent");
		return visitor.expect("message", (f) -> f.path("text").asString().equals(text)).path("seq").asLong();
	}

	private static void register(Staff counsellor, String cid, Map<String, Object> answers) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> counsellor.call("GET", "/api/v1/registrations/pending", "").body().contains(cid));
		ProbeHttp.Response saved = counsellor.call("PUT", "/api/v1/conversations/" + cid + "/registration",
				JSON.writeValueAsString(answers));
		assertThat(saved.status()).as(saved.body()).isEqualTo(201);
	}

	/**
	 * The scans below can find a text: while the chat runs, Redis and its file hold it.
	 */
	private static void checkTheMarkerIsLive(String text) {
		PrivacyScan first = new PrivacyScan().literal("live message text", MARKERS.get(0));
		assertThat(text).contains(MARKERS.get(0));
		markerSeenLiveInRedis = !first.redis(redisUrl).findings().isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> !first.files(redisDir).findings().isEmpty());
		markerSeenLiveOnDisk = true;
	}

	// ---- the checks -------------------------------------------------------------------

	@Test
	@Order(1)
	void theLogsHoldNoTextAddressUserAgentOrToken() {
		String all = logs.getAll();
		assertThat(all).as("the scan sees the application's INFO log")
			.contains("Counsellor privacy-c1 connected")
			.contains("A conversation was accepted by privacy-c2");
		assertThat(SCAN.scan("the captured log", all)).isEmpty();
	}

	@Test
	@Order(2)
	void mongoHoldsNoTextAddressUserAgentOrToken() {
		PrivacyScan.Seen seen = SCAN.mongo(mongoUri);
		assertThat(seen.places()).as("documents scanned (staff, conversations, registrations...)")
			.isGreaterThanOrEqualTo(8);
		assertThat(seen.findings()).isEmpty();
	}

	@Test
	@Order(3)
	void redisHoldsNoTextAddressUserAgentOrTokenOnceTheTextLifetimeHasPassed() {
		assertThat(markerSeenLiveInRedis).as("a marker was found in Redis while the chat ran").isTrue();
		awaitSinceTheEnd(TEXT_RETENTION.plusSeconds(10),
				() -> SCAN.redis(redisUrl).findings().stream().noneMatch((f) -> f.needle().startsWith("message")));
		PrivacyScan.Seen seen = SCAN.redis(redisUrl);
		assertThat(seen.places()).as("keys scanned").isGreaterThan(10);
		assertThat(seen.findings()).isEmpty();
	}

	@Test
	@Order(4)
	void theRedisDataFilesHoldNoneOfThemOnceTheBoundHasPassed() {
		assertThat(markerSeenLiveOnDisk).as("a marker was found in the append-only file while the chat ran").isTrue();
		Duration bound = TEXT_RETENTION.plus(DATA_FILES_BOUND);
		List<PrivacyScan.Finding> last = new ArrayList<>();
		try {
			awaitSinceTheEnd(bound, () -> {
				PrivacyScan.Seen seen = SCAN.files(redisDir);
				last.clear();
				last.addAll(seen.findings());
				return seen.places() > 0 && seen.findings().isEmpty();
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("Still on disk " + bound.toSeconds() + " s after the chat ended: " + last, ex);
		}
	}

	private static void awaitSinceTheEnd(Duration bound, java.util.concurrent.Callable<Boolean> condition) {
		Duration left = bound.minusNanos(System.nanoTime() - endedAtNanos);
		await().atMost(left.isNegative() ? Duration.ofSeconds(1) : left.plusSeconds(1))
			.pollInterval(Duration.ofMillis(500))
			.until(condition);
	}

	private static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
