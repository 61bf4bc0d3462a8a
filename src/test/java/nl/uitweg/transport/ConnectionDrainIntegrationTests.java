package nl.uitweg.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.RawWebSocket;
import nl.uitweg.support.Visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stopping instance first goes unready, then tells every client to reconnect elsewhere
 * (1012), refuses new sockets the same way, and lets the web server stop once its sockets
 * are gone.
 */
class ConnectionDrainIntegrationTests {

	@Test
	void aStoppingInstanceGoesUnreadyAndSendsItsClientsElsewhere() throws Exception {
		try (AppInstance app = AppInstance.start("drain", Map.of("uitweg.transport.drain-timeout", "20s"))) {
			assertThat(readiness(app)).isEqualTo(200);
			try (RawWebSocket visitor = hello(app)) {
				CountDownLatch drained = new CountDownLatch(1);
				app.bean(ConnectionDrain.class).stop(drained::countDown);
				assertThat(visitor.awaitCloseCode()).isEqualTo(1012);
				// The client goes, as a browser does on a close (to reconnect elsewhere).
				visitor.close();
				assertThat(drained.await(10, TimeUnit.SECONDS)).as("the drain ends once its sockets are gone").isTrue();
				assertThat(readiness(app)).isEqualTo(503);
			}
			try (RawWebSocket late = RawWebSocket.open(app.port(), "/ws/visitor")) {
				assertThat(late.awaitCloseCode()).as("a socket opened while stopping").isEqualTo(1012);
			}
			LiveSockets sockets = app.bean(LiveSockets.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> sockets.count() == 0);
		}
	}

	private static RawWebSocket hello(AppInstance app) throws IOException {
		RawWebSocket ws = RawWebSocket.open(app.port(), "/ws/visitor");
		ws.sendText("{\"type\":\"hello\",\"token\":\"" + Visitor.newSessionToken(app.port()) + "\",\"lastSeq\":0}");
		assertThat(ws.readText()).contains("\"welcome\"");
		return ws;
	}

	private static int readiness(AppInstance app) {
		return WebClient.create("http://127.0.0.1:" + app.port())
			.get()
			.uri("/actuator/health/readiness")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(10));
	}

}
