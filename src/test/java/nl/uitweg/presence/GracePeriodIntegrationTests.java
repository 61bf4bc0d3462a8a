package nl.uitweg.presence;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import nl.uitweg.conversation.ConversationEnded;
import nl.uitweg.platform.EventBus;
import nl.uitweg.queue.VisitorQueued;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grace periods over real sockets, on two instances with short settings: who drops keeps
 * their place for a while, and after that the other side is told.
 */
class GracePeriodIntegrationTests {

	private static final Map<String, Object> SHORT = Map.of("uitweg.presence.heartbeat-interval", "300ms",
			"uitweg.presence.connection-timeout", "1500ms", "uitweg.presence.visitor-grace", "3s",
			"uitweg.presence.counsellor-grace", "3s", "uitweg.presence.sweep-interval", "300ms");

	private static AppInstance one;

	private static AppInstance two;

	@BeforeAll
	static void startInstances() {
		one = AppInstance.start("grace-1", SHORT);
		two = AppInstance.start("grace-2", SHORT);
	}

	@AfterAll
	static void stopInstances() {
		one.close();
		two.close();
	}

	private final Disposable.Composite recordings = Disposables.composite();

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@AfterEach
	void stopRecording() {
		this.recordings.dispose();
	}

	@Test
	void aWaitingVisitorWhoStaysAwayPastTheGraceCountsAsAbandoned() {
		List<Object> published = new CopyOnWriteArrayList<>();
		Visitor visitor = Visitor.connect(one.port());
		String conversationId = visitor.start();
		recordEvents(published);
		visitor.ws().drop();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> TestBackends.get().redis().zscore("{uw}:queue", conversationId) == null);
		assertThat(TestBackends.get().redis().hget("{uw}:conv:" + conversationId, "endReason"))
			.isEqualTo("visitor_abandoned");
		Document metadata = awaitMetadata(conversationId);
		assertThat(metadata.getString("endReason")).isEqualTo("visitor_abandoned");
		assertThat(metadata.getBoolean("answered")).isFalse();
		// The instance whose sweep ended it tells its modules, as an interactive end
		// does.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(published)
				.containsOnlyOnce(new ConversationEnded(conversationId, "visitor_abandoned")));
	}

	@Test
	void aVisitorWhoComesBackWithinTheGraceKeepsTheirConversation() {
		try (Chat chat = Chat.open(one, two, "grace-back")) {
			chat.visitor().ws().drop();
			try (Visitor back = Visitor.reconnect(two.port(), chat.visitor().token(), 0)) {
				// Well past the grace period, while connected: the conversation must
				// still be open.
				await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
				assertThat(chat.counsellor().hasUnread("ended")).isFalse();
				chat.counsellor()
					.send(Map.of("type", "message", "conversationId", chat.conversationId(), "clientMsgId",
							UUID.randomUUID().toString(), "text", "Ben je er nog?"));
				assertThat(back.ws()
					.expect("message", (f) -> f.path("from").asString().equals("counsellor"))
					.path("text")
					.asString()).isEqualTo("Ben je er nog?");
			}
		}
	}

	@Test
	void theCounsellorIsToldWhenTheVisitorStaysAway() {
		try (Chat chat = Chat.open(one, two, "grace-left")) {
			chat.visitor().ws().drop();
			JsonNode ended = chat.counsellor().expect("ended");
			assertThat(ended.path("reason").asString()).isEqualTo("visitor_left");
			assertThat(ended.path("conversationId").asString()).isEqualTo(chat.conversationId());
		}
	}

	@Test
	void aCounsellorGoneTooLongHasTheConversationOfferedAgainFirstInLine() {
		two.ensureCounsellor("grace-backup", "password-grace-backup", 3);
		try (Chat chat = Chat.open(one, one, "grace-lost");
				Visitor waiting = Visitor.connect(two.port());
				WsClient backup = WsClient.counsellor(two.port(),
						StaffLogin.of(two.port(), "grace-backup", "password-grace-backup"))) {
			backup.expect("welcome");
			String waitingConversation = waiting.start();
			List<Object> published = new CopyOnWriteArrayList<>();
			recordEvents(published);
			chat.counsellor().drop();

			JsonNode system = chat.visitor().ws().expect("message", (f) -> f.path("from").asString().equals("system"));
			assertThat(system.path("text").asString()).contains("vooraan");
			chat.visitor().ws().expect("queued", (f) -> f.path("position").asInt() == 1);

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(published).containsOnlyOnce(new VisitorQueued(chat.conversationId())));

			backup.send(Map.of("type", "availability", "status", "available"));
			JsonNode offer = backup.expect("offer");
			assertThat(offer.path("conversationId").asString())
				.as("the interrupted chat goes before %s", waitingConversation)
				.isEqualTo(chat.conversationId());
			backup.send(Map.of("type", "accept", "conversationId", chat.conversationId()));
			chat.visitor()
				.ws()
				.expect("assigned",
						(f) -> f.path("counsellor").path("displayName").asString().equals("Counsellor grace-backup"));
			// The new counsellor sees the conversation so far, the system notice
			// included.
			backup.expect("message", (f) -> f.path("from").asString().equals("system"));
		}
	}

	@Test
	void anInstanceThatDiesLeavesNothingStuck() {
		AppInstance doomed = AppInstance.start("grace-doomed", SHORT);
		Visitor visitor = Visitor.connect(doomed.port());
		String conversationId = visitor.start();
		doomed.ensureCounsellor("grace-doomed-c", "password-grace-doomed-c", 2);
		WsClient counsellor = WsClient.counsellor(doomed.port(),
				StaffLogin.of(doomed.port(), "grace-doomed-c", "password-grace-doomed-c"));
		counsellor.expect("welcome");
		counsellor.send(Map.of("type", "availability", "status", "available"));
		counsellor.expect("offer");
		// The instance dies with an offer pending and a visitor waiting; nobody
		// reconnects.
		doomed.close();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(TestBackends.get().redis().hget("{uw}:conv:" + conversationId, "state")).isEqualTo("ended");
			assertThat(TestBackends.get().redis().hget("{uw}:c:grace-doomed-c", "status")).isEqualTo("offline");
			assertThat(TestBackends.get().redis().zcard("{uw}:offers")).isZero();
		});
		assertThat(TestBackends.get().redis().hget("{uw}:c:grace-doomed-c", "load")).isEqualTo("0");
	}

	/** Records what either instance's modules are told, until the test ends. */
	private void recordEvents(List<Object> into) {
		this.recordings.add(one.bean(EventBus.class).on(Object.class).subscribe(into::add));
		this.recordings.add(two.bean(EventBus.class).on(Object.class).subscribe(into::add));
	}

	private static Document awaitMetadata(String conversationId) {
		ReactiveMongoTemplate mongo = one.bean(ReactiveMongoTemplate.class);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> mongo.findById(conversationId, Document.class, "conversations")
				.blockOptional(Duration.ofSeconds(5))
				.isPresent());
		return mongo.findById(conversationId, Document.class, "conversations").block(Duration.ofSeconds(5));
	}

}
