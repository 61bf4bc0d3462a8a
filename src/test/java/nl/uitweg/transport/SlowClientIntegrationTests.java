package nl.uitweg.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.RawWebSocket;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send too much at once or read too little: frames above the limit are
 * refused with 1009, and a client that stops reading is closed instead of being buffered
 * for without end.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowClientIntegrationTests {

	/** The default limit, 16 KiB. */
	private static final int LIMIT = 16 * 1024;

	private static AppInstance app;

	@BeforeAll
	static void start() {
		app = AppInstance.start("slow-clients",
				// The kernel's socket buffers on loopback hold thousands of messages
				// before the
				// outbound buffer fills: the log's cap per side must not stop the writer
				// first.
				Map.of("uitweg.transport.outbound-buffer", 16, "uitweg.transport.close-timeout", "500ms",
						"uitweg.conversation.limits.max-messages-per-side", 1_000_000));
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void aFrameAboveTheLimitIsClosedWith1009() throws IOException {
		try (RawWebSocket ws = RawWebSocket.open(app.port(), "/ws/visitor")) {
			ws.sendText(typingPaddedTo(LIMIT + 1));
			assertThat(ws.awaitCloseCode()).isEqualTo(1009);
		}
	}

	@Test
	void aFrameJustBelowTheLimitIsRead() throws IOException {
		try (RawWebSocket ws = RawWebSocket.open(app.port(), "/ws/visitor")) {
			ws.sendText(typingPaddedTo(LIMIT));
			assertThat(ws.readText()).contains("hello_required");
		}
	}

	@Test
	void aFragmentedMessageAboveTheLimitIsClosedWith1009() throws IOException {
		byte[] whole = typingPaddedTo(LIMIT + 1).getBytes(StandardCharsets.UTF_8);
		int half = whole.length / 2;
		try (RawWebSocket ws = RawWebSocket.open(app.port(), "/ws/visitor")) {
			ws.sendFrame(RawWebSocket.TEXT, false, java.util.Arrays.copyOfRange(whole, 0, half));
			ws.sendFrame(RawWebSocket.CONTINUATION, true, java.util.Arrays.copyOfRange(whole, half, whole.length));
			assertThat(ws.awaitCloseCode()).isEqualTo(1009);
		}
	}

	@Test
	void aFragmentedMessageBelowTheLimitIsRead() throws IOException {
		byte[] whole = typingPaddedTo(LIMIT).getBytes(StandardCharsets.UTF_8);
		int half = whole.length / 2;
		try (RawWebSocket ws = RawWebSocket.open(app.port(), "/ws/visitor")) {
			ws.sendFrame(RawWebSocket.TEXT, false, java.util.Arrays.copyOfRange(whole, 0, half));
			ws.sendFrame(RawWebSocket.CONTINUATION, true, java.util.Arrays.copyOfRange(whole, half, whole.length));
			assertThat(ws.readText()).contains("hello_required");
		}
	}

	@Test
	void aVisitorWhoStopsReadingIsClosedWhileTheCounsellorGoesOn(CapturedOutput output) throws IOException {
		app.ensureCounsellor("slow-reader", "password-slow-reader", 3);
		WsClient counsellor = WsClient.counsellor(app.port(),
				StaffLogin.of(app.port(), "slow-reader", "password-slow-reader"));
		counsellor.expect("welcome");
		counsellor.send(Map.of("type", "availability", "status", "available"));
		counsellor.expect("availability");
		try (RawWebSocket slow = RawWebSocket.openSlowReader(app.port(), "/ws/visitor", 4096)) {
			slow.sendText(
					"{\"type\":\"hello\",\"token\":\"" + Visitor.newSessionToken(app.port()) + "\",\"lastSeq\":0}");
			assertThat(slow.readText()).contains("\"welcome\"");
			slow.sendText("{\"type\":\"start\"}");
			// Its own conversation: the shared Redis may hold others' leftovers in the
			// queue.
			String queued = slow.readText();
			while (!queued.contains("\"queued\"")) {
				queued = slow.readText();
			}
			String cid = JsonMapper.builder().build().readTree(queued).path("conversationId").asString();
			counsellor.expect("offer", (f) -> f.path("conversationId").asString().equals(cid));
			counsellor.send(Map.of("type", "accept", "conversationId", cid));
			counsellor.expect("assigned");
			// From here on the visitor reads nothing; the counsellor writes long
			// messages.
			String text = "x".repeat(2000);
			int sent = 0;
			while (!output.getOut().contains("closed: 4008 not reading") && sent < 5000) {
				counsellor.send(Map.of("type", "message", "conversationId", cid, "clientMsgId",
						UUID.randomUUID().toString(), "text", text));
				sent++;
			}
			// The server may still be working through what the counsellor sent.
			await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("closed: 4008 not reading"));
			// The server dropped it: what the client has is read up to the end.
			assertThat(slow.awaitEnd()).isIn(4008, -1);
			String last = UUID.randomUUID().toString();
			counsellor.send(Map.of("type", "message", "conversationId", cid, "clientMsgId", last, "text", "Nog daar?"));
			counsellor.expect("sent", (f) -> f.path("clientMsgId").asString().equals(last));
		}
		try (Visitor other = Visitor.connect(app.port())) {
			other.start();
			assertThat(counsellor.expect("offer").path("conversationId").asString()).isNotBlank();
		}
		finally {
			counsellor.close();
		}
	}

	/**
	 * A typing frame (read before hello, so answered with hello_required) of this size.
	 */
	private static String typingPaddedTo(int bytes) {
		String head = "{\"type\":\"typing\",\"active\":true,\"pad\":\"";
		String tail = "\"}";
		return head + "p".repeat(bytes - head.length() - tail.length()) + tail;
	}

}
