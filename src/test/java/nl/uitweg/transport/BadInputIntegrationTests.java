package nl.uitweg.transport;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.RawWebSocket;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad frames get a typed error and the connection goes on. */
class BadInputIntegrationTests {

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void framesBeforeHelloAndBadTokensAreRefusedButTheConnectionStaysUsable() {
		AppInstance a = AppInstance.shared("A");
		try (WsClient ws = WsClient.visitor(a.port())) {
			ws.send(Map.of("type", "start"));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("hello_required");
			ws.send(Map.of("type", "hello", "token", "not-a-real-token"));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_token");
			ws.send(Map.of("type", "hello", "token", "A".repeat(43)));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_token");
			ws.send(Map.of("type", "hello"));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_frame");

			ws.send(Map.of("type", "hello", "token", Visitor.newSessionToken(a.port()), "lastSeq", 0));
			assertThat(ws.expect("welcome").path("state").asString()).isEqualTo("idle");
			ws.send(Map.of("type", "hello", "token", "x"));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("already_authenticated");
		}
	}

	@Test
	void malformedUnknownAndInvalidFramesGetStableCodes() {
		AppInstance a = AppInstance.shared("A");
		try (Visitor visitor = Visitor.connect(a.port())) {
			WsClient ws = visitor.ws();
			ws.sendRaw("{not json");
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_json");
			ws.sendRaw("[1,2,3]");
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_frame");
			ws.sendRaw("{\"no\":\"type\"}");
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_frame");
			ws.send(Map.of("type", "dance"));
			JsonNode unknown = ws.expect("error");
			assertThat(unknown.path("code").asString()).isEqualTo("unknown_type");
			assertThat(unknown.path("message").asString()).contains("dance");

			ws.send(Map.of("type", "message", "clientMsgId", "m1", "text", "hallo"));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("no_conversation");
			ws.send(Map.of("type", "start", "intake", Map.of("contactRole", "ALIEN")));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_frame");
			ws.send(Map.of("type", "start", "intake", Map.of("acuteDanger", "yes")));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_frame");
			ws.send(Map.of("type", "feedback", "helped", "MAYBE"));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_frame");

			visitor.start();
			ws.send(Map.of("type", "message", "clientMsgId", "m2", "text", "   "));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("empty_message");
			ws.send(Map.of("type", "message", "clientMsgId", "m3", "text", "x".repeat(2001)));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("message_too_long");
			ws.send(Map.of("type", "message", "clientMsgId", "", "text", "hallo"));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_frame");
			ws.send(Map.of("type", "ack", "seq", -1));
			assertThat(ws.expect("error").path("code").asString()).isEqualTo("invalid_frame");

			// Still usable: a visitor may write while waiting, and the same id never
			// makes two messages.
			ws.send(Map.of("type", "message", "clientMsgId", "m4", "text", "x".repeat(2000)));
			long seq = ws.expect("sent").path("seq").asLong();
			ws.send(Map.of("type", "message", "clientMsgId", "m4", "text", "x".repeat(2000)));
			assertThat(ws.expect("sent").path("seq").asLong()).isEqualTo(seq);
		}
	}

	@Test
	void aCounsellorCannotActOnSomeoneElsesConversation() {
		AppInstance a = AppInstance.shared("A");
		a.ensureCounsellor("owner", "password-owner", 1);
		a.ensureCounsellor("intruder", "password-intruder", 1);
		try (Visitor visitor = Visitor.connect(a.port());
				WsClient owner = WsClient.counsellor(a.port(), StaffLogin.of(a.port(), "owner", "password-owner"));
				WsClient intruder = WsClient.counsellor(a.port(),
						StaffLogin.of(a.port(), "intruder", "password-intruder"))) {
			owner.expect("welcome");
			intruder.expect("welcome");
			String conversationId = visitor.start();
			owner.send(Map.of("type", "availability", "status", "available"));
			owner.expect("offer");

			intruder.send(Map.of("type", "accept", "conversationId", conversationId));
			JsonNode lapsed = intruder.expect("error");
			assertThat(lapsed.path("code").asString()).isEqualTo("offer_not_found");
			assertThat(lapsed.path("conversationId").asString()).isEqualTo(conversationId);

			owner.send(Map.of("type", "accept", "conversationId", conversationId));
			owner.expect("assigned");
			intruder.send(Map.of("type", "message", "conversationId", conversationId, "clientMsgId",
					UUID.randomUUID().toString(), "text", "Ik lees mee"));
			assertThat(intruder.expect("error").path("code").asString()).isEqualTo("not_your_conversation");
			intruder.send(Map.of("type", "end", "conversationId", conversationId));
			assertThat(intruder.expect("error").path("code").asString()).isEqualTo("not_your_conversation");
			intruder.send(Map.of("type", "resume", "conversations",
					java.util.List.of(Map.of("conversationId", conversationId, "lastSeq", 0))));
			assertThat(intruder.expect("error").path("code").asString()).isEqualTo("not_your_conversation");
			intruder.send(Map.of("type", "typing", "conversationId", conversationId, "active", true));
			assertThat(intruder.expect("error").path("code").asString()).isEqualTo("not_your_conversation");
			intruder.send(Map.of("type", "availability", "status", "dancing"));
			assertThat(intruder.expect("error").path("code").asString()).isEqualTo("invalid_frame");
			intruder.send(Map.of("type", "juggle"));
			assertThat(intruder.expect("error").path("code").asString()).isEqualTo("unknown_type");

			// Nothing of the intruder's reached the visitor; the owner's conversation
			// goes on.
			owner.send(Map.of("type", "message", "conversationId", conversationId, "clientMsgId",
					UUID.randomUUID().toString(), "text", "Hoi"));
			assertThat(visitor.ws().expect("message").path("text").asString()).isEqualTo("Hoi");
			assertThat(visitor.ws().all()).noneMatch((f) -> f.path("text").asString().equals("Ik lees mee"));
			assertThat(visitor.ws().hasUnread("typing")).isFalse();
		}
	}

	@Test
	void aVisitorWhoNeverSaysHelloIsDisconnectedWithPolicyViolation() throws Exception {
		try (AppInstance quick = AppInstance.start("quick-hello", Map.of("uitweg.transport.hello-timeout", "1s"));
				RawWebSocket ws = RawWebSocket.open(quick.port(), "/ws/visitor")) {
			assertThat(ws.awaitCloseCode()).isEqualTo(1008);
		}
	}

	@Test
	void theCounsellorConsoleRefusesUpgradesFromAForeignSite() {
		AppInstance a = AppInstance.shared("A");
		a.ensureCounsellor("origin-check", "password-origin-check", 1);
		StaffLogin login = StaffLogin.of(a.port(), "origin-check", "password-origin-check");
		var foreign = java.net.http.HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Cookie", login.cookieHeader())
			.header("Origin", "https://evil.example")
			.buildAsync(java.net.URI.create("ws://127.0.0.1:" + a.port() + "/ws/counsellor"),
					new java.net.http.WebSocket.Listener() {
					});
		assertThat(foreign).failsWithin(java.time.Duration.ofSeconds(10))
			.withThrowableThat()
			.havingRootCause()
			.withMessageContaining("403");
		try (WsClient same = WsClient.counsellor(a.port(), login)) {
			assertThat(same.expect("welcome").path("counsellor").path("username").asString()).isEqualTo("origin-check");
		}
	}

}
