package nl.uitweg.transport;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.RawWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy whose forwarded headers are trusted, the site a visitor's browser may
 * open the socket from is the public one the proxy names, whichever path serves the
 * socket: {@link VisitorSocketRoute} below WebFlux ({@code native}: Reactor Netty reads
 * the headers) or WebFlux itself ({@code framework}: Spring's transformer reads them and
 * the route stands aside).
 */
class VisitorSocketRouteIntegrationTests {

	private static final Map<String, String> PROXY = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host",
			"chat.example.org", "X-Forwarded-For", "203.0.113.7");

	@ParameterizedTest
	@ValueSource(strings = { "native", "framework" })
	void behindAProxyTheSiteItselfIsThePublicOne(String strategy) throws IOException {
		try (AppInstance app = AppInstance.start("route-" + strategy,
				Map.of("server.forward-headers-strategy", strategy))) {
			try (RawWebSocket visitor = RawWebSocket.open(app.port(), "/ws/visitor",
					with("Origin", "https://chat.example.org"))) {
				visitor.sendText("{\"type\":\"typing\",\"active\":true}");
				assertThat(visitor.readText()).contains("hello_required");
			}
			RawWebSocket.Refusal inner = RawWebSocket.refusal(app.port(), "/ws/visitor",
					with("Origin", "http://127.0.0.1:" + app.port()));
			assertThat(inner.status()).isEqualTo(403);
			assertThat(inner.body()).contains("\"code\":\"origin_not_allowed\"");
			RawWebSocket.Refusal foreign = RawWebSocket.refusal(app.port(), "/ws/visitor",
					with("Origin", "https://evil.example"));
			assertThat(foreign.status()).isEqualTo(403);
		}
	}

	private static Map<String, String> with(String name, String value) {
		Map<String, String> headers = new HashMap<>(PROXY);
		headers.put(name, value);
		return headers;
	}

}
