package nl.uitweg.transport;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that writes without waiting must tell which of its frames an error is about:
 * an error about a message frame carries the frame's {@code clientMsgId}, and the
 * {@code conversationId} wherever there is a conversation. The codes stay as they are.
 */
class ErrorFramesNameTheirFrameIntegrationTests {

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void aVisitorMessageWithoutAConversationIsRefusedByItsClientMsgId() {
		AppInstance a = AppInstance.shared("A");
		try (Visitor visitor = Visitor.connect(a.port())) {
			String id = UUID.randomUUID().toString();
			visitor.ws().send(Map.of("type", "message", "clientMsgId", id, "text", "hallo"));
			JsonNode error = visitor.ws().expect("error");
			assertThat(error.path("code").asString()).isEqualTo("no_conversation");
			assertThat(error.path("clientMsgId").asString()).as("error %s", error).isEqualTo(id);
			assertThat(error.has("conversationId")).as("no conversation to name in %s", error).isFalse();
		}
	}

	@Test
	void aVisitorMessageThatIsEmptyOrTooLongIsRefusedByItsClientMsgIdAndConversation() {
		AppInstance a = AppInstance.shared("A");
		try (Visitor visitor = Visitor.connect(a.port())) {
			String conversationId = visitor.start();
			String empty = UUID.randomUUID().toString();
			String tooLong = UUID.randomUUID().toString();
			String accepted = UUID.randomUUID().toString();
			// Pipelined: all three go out before any answer is read.
			visitor.ws().send(Map.of("type", "message", "clientMsgId", empty, "text", "   "));
			visitor.ws().send(Map.of("type", "message", "clientMsgId", tooLong, "text", "x".repeat(2001)));
			visitor.ws().send(Map.of("type", "message", "clientMsgId", accepted, "text", "hallo"));

			assertNamed(visitor.ws().expect("error"), "empty_message", empty, conversationId);
			assertNamed(visitor.ws().expect("error"), "message_too_long", tooLong, conversationId);
			assertThat(visitor.ws().expect("sent").path("clientMsgId").asString()).isEqualTo(accepted);
		}
	}

	@Test
	void aVisitorMessageWithABadFieldIsRefusedByItsClientMsgId() {
		AppInstance a = AppInstance.shared("A");
		try (Visitor visitor = Visitor.connect(a.port())) {
			String conversationId = visitor.start();
			String id = UUID.randomUUID().toString();
			visitor.ws().send(Map.of("type", "message", "clientMsgId", id, "text", 42));
			assertNamed(visitor.ws().expect("error"), "invalid_frame", id, conversationId);
		}
	}

	@Test
	void aVisitorMessageAfterTheEndIsRefusedByItsClientMsgIdAndConversation() {
		AppInstance a = AppInstance.shared("A");
		try (Chat chat = Chat.open(a, a, "named-errors-end")) {
			chat.counsellor().send(Map.of("type", "end", "conversationId", chat.conversationId()));
			chat.visitor().ws().expect("ended");
			String id = UUID.randomUUID().toString();
			chat.visitor().ws().send(Map.of("type", "message", "clientMsgId", id, "text", "nog één ding"));
			assertNamed(chat.visitor().ws().expect("error"), "conversation_ended", id, chat.conversationId());
		}
	}

	@Test
	void aCounsellorMessageToSomeoneElsesConversationIsRefusedByItsClientMsgIdAndConversation() {
		AppInstance a = AppInstance.shared("A");
		a.ensureCounsellor("named-intruder", "password-named-intruder", 1);
		try (Chat chat = Chat.open(a, a, "named-owner");
				WsClient intruder = WsClient.counsellor(a.port(),
						StaffLogin.of(a.port(), "named-intruder", "password-named-intruder"))) {
			intruder.expect("welcome");
			String id = UUID.randomUUID().toString();
			intruder.send(Map.of("type", "message", "conversationId", chat.conversationId(), "clientMsgId", id, "text",
					"Ik lees mee"));
			assertNamed(intruder.expect("error"), "not_your_conversation", id, chat.conversationId());

			String unknown = UUID.randomUUID().toString();
			String second = UUID.randomUUID().toString();
			intruder.send(Map.of("type", "message", "conversationId", unknown, "clientMsgId", second, "text", "Hoi"));
			assertNamed(intruder.expect("error"), "not_your_conversation", second, unknown);
		}
	}

	@Test
	void aCounsellorMessageThatIsEmptyOrTooLongIsRefusedByItsClientMsgIdAndConversation() {
		AppInstance a = AppInstance.shared("A");
		try (Chat chat = Chat.open(a, a, "named-length")) {
			String cid = chat.conversationId();
			String empty = UUID.randomUUID().toString();
			String tooLong = UUID.randomUUID().toString();
			String accepted = UUID.randomUUID().toString();
			chat.counsellor().send(Map.of("type", "message", "conversationId", cid, "clientMsgId", empty, "text", ""));
			chat.counsellor()
				.send(Map.of("type", "message", "conversationId", cid, "clientMsgId", tooLong, "text",
						"x".repeat(2001)));
			chat.counsellor()
				.send(Map.of("type", "message", "conversationId", cid, "clientMsgId", accepted, "text", "Hoi"));

			assertNamed(chat.counsellor().expect("error"), "empty_message", empty, cid);
			assertNamed(chat.counsellor().expect("error"), "message_too_long", tooLong, cid);
			JsonNode sent = chat.counsellor().expect("sent");
			assertThat(sent.path("clientMsgId").asString()).isEqualTo(accepted);
			assertThat(sent.path("conversationId").asString()).isEqualTo(cid);
		}
	}

	@Test
	void aCounsellorMessageToAnEndedConversationIsRefusedByItsClientMsgIdAndConversation() {
		AppInstance a = AppInstance.shared("A");
		try (Chat chat = Chat.open(a, a, "named-ended")) {
			String cid = chat.conversationId();
			chat.counsellor().send(Map.of("type", "end", "conversationId", cid));
			chat.counsellor().expect("ended", (f) -> f.path("conversationId").asString().equals(cid));
			String id = UUID.randomUUID().toString();
			chat.counsellor()
				.send(Map.of("type", "message", "conversationId", cid, "clientMsgId", id, "text", "Nog iets"));
			assertNamed(chat.counsellor().expect("error"), "conversation_not_active", id, cid);
		}
	}

	private static void assertNamed(JsonNode error, String code, String clientMsgId, String conversationId) {
		assertThat(error.path("code").asString()).as("code of %s", error).isEqualTo(code);
		assertThat(error.path("message").asString()).as("message of %s", error).isNotBlank();
		assertThat(error.path("clientMsgId").asString()).as("clientMsgId of %s", error).isEqualTo(clientMsgId);
		assertThat(error.path("conversationId").asString()).as("conversationId of %s", error).isEqualTo(conversationId);
	}

}
