package nl.uitweg.presence;

import java.time.Duration;
import java.util.Map;

import io.lettuce.core.api.sync.RedisCommands;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backstop over real sockets, with short lifetimes: connections that stay open (and
 * vouched for) do not keep a conversation open past its backstop, and everyone still
 * connected is told why it ended.
 */
class BackstopIntegrationTests {

	private static final Duration TEXT_RETENTION = Duration.ofMinutes(10);

	@Test
	void aWaitingAndAnActiveConversationPastTheBackstopEndAsExpiredAndBothSidesAreTold() {
		TestBackends.get().flushChat();
		RedisCommands<String, String> redis = TestBackends.get().redis();
		try (AppInstance app = AppInstance.start("backstop",
				Map.of("uitweg.presence.backstop.max-queued", "8s", "uitweg.presence.backstop.max-active", "8s",
						"uitweg.presence.backstop.sweep-interval", "300ms", "uitweg.conversation.text-retention",
						TEXT_RETENTION.toSeconds() + "s"));
				Chat chat = Chat.open(app, app, "backstop-c")) {
			// Away, so the second visitor stays in the queue.
			chat.counsellor().send(Map.of("type", "availability", "status", "away"));
			chat.counsellor().expect("availability");
			try (Visitor waiting = Visitor.connect(app.port())) {
				String waitingId = waiting.start();
				assertThat(redis.hget("{uw}:conv:" + waitingId, "state")).isEqualTo("queued");

				JsonNode waitingEnded = waiting.ws().expect("ended");
				assertThat(waitingEnded.path("reason").asString()).isEqualTo("expired");
				JsonNode visitorEnded = chat.visitor().ws().expect("ended");
				assertThat(visitorEnded.path("reason").asString()).isEqualTo("expired");
				JsonNode counsellorEnded = chat.counsellor()
					.expect("ended", (f) -> f.path("conversationId").asString().equals(chat.conversationId()));
				assertThat(counsellorEnded.path("reason").asString()).isEqualTo("expired");

				for (String id : new String[] { waitingId, chat.conversationId() }) {
					assertThat(redis.hget("{uw}:conv:" + id, "endReason")).isEqualTo("expired");
					assertThat(redis.ttl("{uw}:conv:" + id + ":log")).as("text lifetime of %s", id)
						.isPositive()
						.isLessThanOrEqualTo(TEXT_RETENTION.toSeconds());
				}
				assertThat(redis.sismember("{uw}:active", chat.conversationId())).isFalse();
				assertThat(redis.zscore("{uw}:live:abandoned", waitingId)).isNotNull();
				assertThat(redis.zscore("{uw}:live:abandoned", chat.conversationId())).isNull();
				assertThat(redis.hget("{uw}:c:backstop-c", "load")).isEqualTo("0");

				Document waited = awaitMetadata(app, waitingId);
				assertThat(waited.getString("endReason")).isEqualTo("expired");
				assertThat(waited.getBoolean("answered")).isFalse();
				Document talked = awaitMetadata(app, chat.conversationId());
				assertThat(talked.getString("endReason")).isEqualTo("expired");
				assertThat(talked.getBoolean("answered")).isTrue();
			}
		}
	}

	private static Document awaitMetadata(AppInstance app, String conversationId) {
		ReactiveMongoTemplate mongo = app.bean(ReactiveMongoTemplate.class);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> mongo.findById(conversationId, Document.class, "conversations")
				.blockOptional(Duration.ofSeconds(5))
				.isPresent());
		return mongo.findById(conversationId, Document.class, "conversations").block(Duration.ofSeconds(5));
	}

}
