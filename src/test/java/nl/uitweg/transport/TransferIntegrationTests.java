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
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A counsellor hands a conversation to a colleague or back to the queue; the visitor
 * loses nothing.
 */
class TransferIntegrationTests {

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	private static WsClient colleague(AppInstance instance, String name) {
		instance.ensureCounsellor(name, "password-" + name, 2);
		WsClient console = WsClient.counsellor(instance.port(),
				StaffLogin.of(instance.port(), name, "password-" + name));
		console.expect("welcome");
		return console;
	}

	@Test
	void aColleagueAcceptsAndSeesTheConversationSoFar() {
		var two = AppInstance.two();
		try (Chat chat = Chat.open(two.get(0), two.get(0), "handover-from");
				WsClient colleague = colleague(two.get(1), "handover-to")) {
			chat.visitor().ws().send(Map.of("type", "message", "clientMsgId", "v1", "text", "Wat eerder gezegd is"));
			chat.counsellor().expect("message");
			chat.counsellor()
				.send(Map.of("type", "transfer", "conversationId", chat.conversationId(), "to", "handover-to"));
			chat.counsellor().expect("transfer_requested");
			JsonNode offer = colleague.expect("offer");
			assertThat(offer.path("transferFrom").asString()).isEqualTo("Counsellor handover-from");
			colleague.send(Map.of("type", "accept", "conversationId", chat.conversationId()));
			colleague.expect("assigned");
			assertThat(colleague.expect("message").path("text").asString()).isEqualTo("Wat eerder gezegd is");
			colleague.expect("message", (f) -> f.path("from").asString().equals("system"));

			chat.visitor().ws().expect("message", (f) -> f.path("from").asString().equals("system"));
			assertThat(chat.visitor().ws().expect("assigned").path("counsellor").path("displayName").asString())
				.isEqualTo("Counsellor handover-to");
			assertThat(chat.counsellor().expect("transferred").path("to").asString()).isEqualTo("handover-to");

			chat.visitor().ws().send(Map.of("type", "message", "clientMsgId", "v2", "text", "Na de overdracht"));
			assertThat(colleague.expect("message", (f) -> f.path("text").asString().equals("Na de overdracht"))
				.path("from")
				.asString()).isEqualTo("visitor");
			chat.counsellor()
				.send(Map.of("type", "message", "conversationId", chat.conversationId(), "clientMsgId",
						UUID.randomUUID().toString(), "text", "mag niet meer"));
			assertThat(chat.counsellor().expect("error").path("code").asString()).isEqualTo("not_your_conversation");
			assertThat(chat.counsellor().all()).noneMatch((f) -> f.path("text").asString().equals("Na de overdracht"));
		}
	}

	@Test
	void aDeclinedHandoverLeavesTheConversationWhereItWas() {
		AppInstance a = AppInstance.shared("A");
		try (Chat chat = Chat.open(a, a, "declined-from"); WsClient colleague = colleague(a, "declined-to")) {
			chat.counsellor()
				.send(Map.of("type", "transfer", "conversationId", chat.conversationId(), "to", "declined-to"));
			colleague.expect("offer");
			chat.counsellor()
				.send(Map.of("type", "transfer", "conversationId", chat.conversationId(), "to", "declined-to"));
			assertThat(chat.counsellor().expect("error").path("code").asString()).isEqualTo("transfer_pending");
			colleague.send(Map.of("type", "decline", "conversationId", chat.conversationId()));
			assertThat(chat.counsellor().expect("transfer_declined").path("by").asString()).isEqualTo("declined-to");
			chat.counsellor()
				.send(Map.of("type", "message", "conversationId", chat.conversationId(), "clientMsgId",
						UUID.randomUUID().toString(), "text", "Ik blijf bij je"));
			assertThat(chat.visitor().ws().expect("message").path("text").asString()).isEqualTo("Ik blijf bij je");
			assertThat(TestBackends.get().redis().hget("{uw}:c:declined-to", "load")).isEqualTo("0");

			chat.counsellor()
				.send(Map.of("type", "transfer", "conversationId", chat.conversationId(), "to", "nobody-by-that-name"));
			assertThat(chat.counsellor().expect("error").path("code").asString()).isEqualTo("colleague_unavailable");
		}
	}

	@Test
	void backToTheQueueAtTheFront() {
		AppInstance a = AppInstance.shared("A");
		try (Chat chat = Chat.open(a, a, "requeue-from"); WsClient next = colleague(a, "requeue-next")) {
			chat.counsellor().send(Map.of("type", "transfer", "conversationId", chat.conversationId(), "to", "queue"));
			assertThat(chat.counsellor().expect("transferred").path("to").asString()).isEqualTo("queue");
			chat.visitor().ws().expect("message", (f) -> f.path("from").asString().equals("system"));
			chat.visitor().ws().expect("queued", (f) -> f.path("position").asInt() == 1);
			next.send(Map.of("type", "availability", "status", "available"));
			assertThat(next.expect("offer").path("conversationId").asString()).isEqualTo(chat.conversationId());
			next.send(Map.of("type", "accept", "conversationId", chat.conversationId()));
			next.expect("assigned");
			// The replay shows the earlier requeue; the new counsellor keeps the
			// conversation.
			chat.visitor().ws().send(Map.of("type", "message", "clientMsgId", "after", "text", "Ben je er?"));
			assertThat(next.expect("message", (f) -> f.path("text").asString().equals("Ben je er?"))
				.path("from")
				.asString()).isEqualTo("visitor");
			assertThat(next.hasUnread("transferred")).isFalse();
		}
	}

}
