package nl.uitweg.transport;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.RawWebSocket;
import nl.uitweg.support.StaffLogin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both WebSockets accept upgrades only from the site itself and the configured origins,
 * whatever spelling of the path reached them.
 */
class OriginIntegrationTests {

	private static final String CONFIGURED = "https://console.example.org";

	private static AppInstance app;

	private static StaffLogin login;

	@BeforeAll
	static void start() {
		app = AppInstance.start("origins", Map.of("uitweg.transport.allowed-origins", CONFIGURED));
		app.ensureCounsellor("origin-edge", "password-origin-edge", 1);
		login = StaffLogin.of(app.port(), "origin-edge", "password-origin-edge");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static String self() {
		return "http://127.0.0.1:" + app.port();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example", "null", "http://127.0.0.1.evil.com:%d", "http://localhost.evil:%d",
			"https://127.0.0.1:%d", "http://127.0.0.1:1", "http://127.0.0.1", "https://console.example.org.evil.com",
			"http://console.example.org", "http://127.0.0.1:%d/path", "http://user@127.0.0.1:%d", "" })
	void theVisitorSocketRefusesForeignNullAndLookAlikeOrigins(String origin) throws IOException {
		assertRefused("/ws/visitor", Map.of("Origin", origin.formatted(app.port())));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example", "null", "http://127.0.0.1.evil.com:%d", "http://localhost.evil:%d",
			"https://127.0.0.1:%d", "http://127.0.0.1:1" })
	void theCounsellorConsoleRefusesForeignNullAndLookAlikeOrigins(String origin) throws IOException {
		assertRefused("/ws/counsellor", Map.of("Origin", origin.formatted(app.port()), "Cookie", login.cookieHeader()));
	}

	@Test
	void aPercentEncodedPathReachesTheSameCheck() throws IOException {
		assertRefused("/ws/visito%72", Map.of("Origin", "https://evil.example"));
		assertRefused("/ws/counsello%72", Map.of("Origin", "https://evil.example", "Cookie", login.cookieHeader()));
		assertRefused("/ws/%76isitor", Map.of("Origin", "null"));
	}

	@Test
	void aPercentEncodedConsolePathStillNeedsASignIn() throws IOException {
		RawWebSocket.Refusal refusal = RawWebSocket.refusal(app.port(), "/ws/counsello%72", Map.of("Origin", self()));
		assertThat(refusal.status()).isEqualTo(401);
		assertThat(refusal.body()).contains("\"code\":\"unauthenticated\"");
	}

	@Test
	void aTrailingSlashIsNoWebSocket() throws IOException {
		for (String path : new String[] { "/ws/visitor/", "/ws/counsellor/", "/ws/visitor%2F" }) {
			RawWebSocket.Refusal foreign = RawWebSocket.refusal(app.port(), path,
					Map.of("Origin", "https://evil.example", "Cookie", login.cookieHeader()));
			assertThat(foreign.status()).as(path).isIn(400, 403, 404);
			RawWebSocket.Refusal own = RawWebSocket.refusal(app.port(), path, Map.of("Origin", self()));
			assertThat(own.status()).as(path).isIn(400, 404);
		}
	}

	@Test
	void theSiteItselfAConfiguredOriginAndClientsWithoutOriginAreLetIn() throws IOException {
		for (String origin : new String[] { self(), "HTTP://127.0.0.1:" + app.port(), CONFIGURED, CONFIGURED + ":443",
				null }) {
			Map<String, String> visitorHeaders = (origin != null) ? Map.of("Origin", origin) : Map.of();
			try (RawWebSocket visitor = RawWebSocket.open(app.port(), "/ws/visitor", visitorHeaders)) {
				visitor.sendText("{\"type\":\"typing\",\"active\":true}");
				assertThat(visitor.readText()).as(String.valueOf(origin)).contains("hello_required");
			}
			Map<String, String> consoleHeaders = (origin != null)
					? Map.of("Origin", origin, "Cookie", login.cookieHeader()) : Map.of("Cookie", login.cookieHeader());
			try (RawWebSocket console = RawWebSocket.open(app.port(), "/ws/counsellor", consoleHeaders)) {
				assertThat(console.readText()).as(String.valueOf(origin)).contains("\"type\":\"welcome\"");
			}
		}
	}

	private static void assertRefused(String path, Map<String, String> headers) throws IOException {
		RawWebSocket.Refusal refusal = RawWebSocket.refusal(app.port(), path, headers);
		assertThat(refusal.status()).as(path + " " + headers.get("Origin")).isEqualTo(403);
		assertThat(refusal.body()).contains("\"code\":\"origin_not_allowed\"");
	}

}
