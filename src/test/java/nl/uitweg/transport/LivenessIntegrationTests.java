package nl.uitweg.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.RawWebSocket;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server pings both sockets and closes those from which nothing (no frame, no pong)
 * came for the idle timeout, here shortened to 1.5 s with a ping every 300 ms.
 */
class LivenessIntegrationTests {

	private static final Duration IDLE = Duration.ofMillis(1500);

	/** Well past the idle timeout. */
	private static final Duration PAST_IDLE = IDLE.multipliedBy(3);

	private static AppInstance app;

	private static StaffLogin login;

	@BeforeAll
	static void start() {
		app = AppInstance.start("liveness", Map.of("uitweg.transport.ping-interval", "300ms",
				"uitweg.transport.idle-timeout", IDLE.toMillis() + "ms", "uitweg.transport.close-timeout", "500ms"));
		app.ensureCounsellor("liveness", "password-liveness", 2);
		login = StaffLogin.of(app.port(), "liveness", "password-liveness");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void aVisitorWhoseClientAnswersPingsStaysConnectedPastTheIdleTimeout() {
		try (Visitor visitor = Visitor.connect(app.port())) {
			await().during(PAST_IDLE).atMost(PAST_IDLE.plusSeconds(5)).until(() -> !visitor.ws().isClosed());
			assertThat(visitor.start()).isNotBlank();
		}
	}

	@Test
	void aConsoleWhoseClientAnswersPingsStaysConnectedPastTheIdleTimeout() {
		try (WsClient console = WsClient.counsellor(app.port(), login)) {
			console.expect("welcome");
			await().during(PAST_IDLE).atMost(PAST_IDLE.plusSeconds(5)).until(() -> !console.isClosed());
			console.send(Map.of("type", "availability", "status", "away"));
			assertThat(console.expect("availability").path("status").asString()).isEqualTo("away");
		}
	}

	@Test
	void aPongIsASignOfLifeEvenWithoutFrames() throws IOException {
		try (RawWebSocket ws = RawWebSocket.open(app.port(), "/ws/visitor")) {
			long deadline = System.nanoTime() + PAST_IDLE.toNanos();
			int pings = 0;
			while (System.nanoTime() < deadline) {
				RawWebSocket.Frame frame = ws.readFrame();
				assertThat(frame.opcode()).as("no close while answering pings").isNotEqualTo(RawWebSocket.CLOSE);
				if (frame.opcode() == RawWebSocket.PING) {
					pings++;
					ws.sendFrame(RawWebSocket.PONG, true, frame.payload());
				}
			}
			assertThat(pings).isGreaterThan(1);
			ws.sendText("{\"type\":\"typing\",\"active\":true}");
			assertThat(ws.readText()).contains("hello_required");
		}
	}

	@Test
	void aVisitorThatIgnoresPingsIsClosedAsIdle() throws IOException {
		try (RawWebSocket ws = RawWebSocket.open(app.port(), "/ws/visitor")) {
			ws.sendText("{\"type\":\"hello\",\"token\":\"" + Visitor.newSessionToken(app.port()) + "\",\"lastSeq\":0}");
			assertThat(ws.readText()).contains("\"welcome\"");
			assertThat(pingsThenCloseCode(ws)).isEqualTo(4408);
		}
	}

	@Test
	void aConsoleThatIgnoresPingsIsClosedAsIdle() throws IOException {
		try (RawWebSocket ws = RawWebSocket.open(app.port(), "/ws/counsellor",
				Map.of("Cookie", login.cookieHeader()))) {
			assertThat(ws.readText()).contains("\"welcome\"");
			assertThat(pingsThenCloseCode(ws)).isEqualTo(4408);
		}
	}

	/** Reads without answering; the close code, after at least one ping was seen. */
	private static int pingsThenCloseCode(RawWebSocket ws) throws IOException {
		boolean pinged = false;
		while (true) {
			RawWebSocket.Frame frame = ws.readFrame();
			if (frame.opcode() == RawWebSocket.PING) {
				pinged = true;
			}
			if (frame.opcode() == RawWebSocket.CLOSE) {
				assertThat(pinged).as("pinged before the close").isTrue();
				return ((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff);
			}
		}
	}

}
