package nl.uitweg.transport;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The heart of the product over real sockets: a visitor reaches a counsellor and they
 * talk.
 */
class ChatFlowIntegrationTests {

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void visitorAndCounsellorOnTheSameInstanceTalkUntilTheCounsellorEnds() {
		AppInstance a = AppInstance.shared("A");
		talkAndEnd(a, a, "flow-same");
	}

	@Test
	void visitorOnOneInstanceReachesCounsellorOnAnother() {
		AppInstance a = AppInstance.shared("A");
		AppInstance b = AppInstance.shared("B");
		talkAndEnd(a, b, "flow-cross");
	}

	private void talkAndEnd(AppInstance visitorSide, AppInstance counsellorSide, String username) {
		counsellorSide.ensureCounsellor(username, "password-" + username, 3);
		StaffLogin login = StaffLogin.of(counsellorSide.port(), username, "password-" + username);
		try (Visitor visitor = Visitor.connect(visitorSide.port());
				WsClient counsellor = WsClient.counsellor(counsellorSide.port(), login)) {
			JsonNode welcome = counsellor.expect("welcome");
			assertThat(welcome.path("counsellor").path("username").asString()).isEqualTo(username);

			String conversationId = visitor
				.start(Map.of("contactRole", "VICTIM_SELF", "ageGroup", "AGE_13_17", "acuteDanger", false));
			JsonNode queued = visitor.ws()
				.all()
				.stream()
				.filter((f) -> f.path("type").asString().equals("queued"))
				.findFirst()
				.orElseThrow();
			assertThat(queued.path("position").asInt()).isEqualTo(1);
			assertThat(queued.path("estimatedWaitSeconds").asLong()).isPositive();

			counsellor.send(Map.of("type", "availability", "status", "available"));
			JsonNode offer = counsellor.expect("offer");
			assertThat(offer.path("conversationId").asString()).isEqualTo(conversationId);
			assertThat(offer.path("intake").path("contactRole").asString()).isEqualTo("VICTIM_SELF");
			assertThat(offer.path("intake").path("acuteDanger").asBoolean(true)).isFalse();
			assertThat(offer.path("waitedSeconds").isNumber()).isTrue();

			counsellor.send(Map.of("type", "accept", "conversationId", conversationId));
			counsellor.expect("assigned", (f) -> f.path("conversationId").asString().equals(conversationId));
			JsonNode assigned = visitor.ws().expect("assigned");
			assertThat(assigned.path("counsellor").path("displayName").asString()).isEqualTo("Counsellor " + username);

			String visitorMsg = UUID.randomUUID().toString();
			visitor.ws()
				.send(Map.of("type", "message", "clientMsgId", visitorMsg, "text", "Ik moet pakketjes rondbrengen"));
			JsonNode sent = visitor.ws().expect("sent");
			assertThat(sent.path("clientMsgId").asString()).isEqualTo(visitorMsg);
			long visitorSeq = sent.path("seq").asLong();
			JsonNode atCounsellor = counsellor.expect("message");
			assertThat(atCounsellor.path("conversationId").asString()).isEqualTo(conversationId);
			assertThat(atCounsellor.path("seq").asLong()).isEqualTo(visitorSeq);
			assertThat(atCounsellor.path("from").asString()).isEqualTo("visitor");
			assertThat(atCounsellor.path("text").asString()).isEqualTo("Ik moet pakketjes rondbrengen");
			assertThat(atCounsellor.path("sentAt").asString()).isNotBlank();

			counsellor.send(Map.of("type", "typing", "conversationId", conversationId, "active", true));
			assertThat(visitor.ws().expect("typing").path("from").asString()).isEqualTo("counsellor");

			String counsellorMsg = UUID.randomUUID().toString();
			counsellor.send(Map.of("type", "message", "conversationId", conversationId, "clientMsgId", counsellorMsg,
					"text", "Goed dat je het vertelt."));
			long counsellorSeq = counsellor.expect("sent").path("seq").asLong();
			assertThat(counsellorSeq).isEqualTo(visitorSeq + 1);
			JsonNode atVisitor = visitor.ws().expect("message");
			assertThat(atVisitor.path("from").asString()).isEqualTo("counsellor");
			assertThat(atVisitor.path("seq").asLong()).isEqualTo(counsellorSeq);
			assertThat(atVisitor.path("text").asString()).isEqualTo("Goed dat je het vertelt.");

			counsellor.send(Map.of("type", "end", "conversationId", conversationId));
			assertThat(visitor.ws().expect("ended").path("reason").asString()).isEqualTo("counsellor_ended");
			assertThat(counsellor.expect("ended").path("conversationId").asString()).isEqualTo(conversationId);

			// The own messages were confirmed with 'sent' and not echoed back as
			// messages.
			assertThat(visitor.ws().hasUnread("message")).as("visitor frames %s", visitor.ws().all()).isFalse();
			assertThat(counsellor.hasUnread("message")).as("counsellor frames %s", counsellor.all()).isFalse();
			// The reply to accept and the script's notice for other consoles: one frame.
			assertThat(counsellor.all())
				.filteredOn((f) -> f.path("type").asString().equals("assigned")
						&& f.path("conversationId").asString().equals(conversationId))
				.hasSize(1);

			assertMetadataStoredWithoutText(visitorSide, conversationId, username);
		}
	}

	private void assertMetadataStoredWithoutText(AppInstance instance, String conversationId, String username) {
		ReactiveMongoTemplate mongo = instance.bean(ReactiveMongoTemplate.class);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> mongo.findById(conversationId, Document.class, "conversations")
				.blockOptional(Duration.ofSeconds(5))
				.isPresent());
		Document metadata = mongo.findById(conversationId, Document.class, "conversations")
			.block(Duration.ofSeconds(5));
		assertThat(metadata.getString("endReason")).isEqualTo("counsellor_ended");
		assertThat(metadata.getString("counsellor")).isEqualTo(username);
		assertThat(metadata.get("intake", Document.class).getString("ageGroup")).isEqualTo("AGE_13_17");
		assertThat(metadata.getBoolean("answered")).isTrue();
		assertThat(metadata.get("startedHour")).isInstanceOf(java.util.Date.class);
		assertThat(metadata.toJson()).doesNotContain("pakketjes").doesNotContain("vertelt");
	}

}
