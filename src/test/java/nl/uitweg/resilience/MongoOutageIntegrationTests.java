package nl.uitweg.resilience;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MongoDB stops while twenty conversations run and end: chats go on, health says
 * degraded, and when MongoDB returns every conversation's metadata lands, none twice.
 */
class MongoOutageIntegrationTests {

	@Test
	void metadataWrittenDuringAnOutageLandsOnceWhenMongoReturns(@TempDir Path data) throws Exception {
		// A Redis database of its own: the shared instances would otherwise drain this
		// instance's metadata outbox into their own MongoDB.
		var redis = TestBackends.get().redis(2);
		redis.flushdb();
		int port = FreePorts.find();
		String file = data.resolve("outage.mv").toString();
		MongoServer mongo = new MongoServer(new H2Backend(file));
		mongo.bind("127.0.0.1", port);
		Map<String, Object> settings = Map.of("spring.mongodb.uri", "mongodb://127.0.0.1:" + port + "/uitweg",
				"spring.mongodb.database", "uitweg", "spring.data.redis.url", TestBackends.get().redisUrl() + "/2");
		try (AppInstance app = AppInstance.start("mongo-outage", settings)) {
			List<Chat> chats = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				chats.add(Chat.open(app, app, "outage-" + i));
			}
			mongo.shutdownNow();

			for (Chat chat : chats) {
				chat.visitor()
					.ws()
					.send(Map.of("type", "message", "clientMsgId", UUID.randomUUID().toString(), "text",
							"nog steeds hier"));
				chat.counsellor().expect("message", (f) -> f.path("text").asString().equals("nog steeds hier"));
				chat.counsellor().send(Map.of("type", "end", "conversationId", chat.conversationId()));
				chat.visitor().ws().expect("ended");
			}
			assertThat(health(app)).isEqualTo("DEGRADED");
			assertThat(redis.hlen("{uw}:outbox")).isEqualTo(20);

			mongo = new MongoServer(new H2Backend(file));
			mongo.bind("127.0.0.1", port);
			ReactiveMongoTemplate template = app.bean(ReactiveMongoTemplate.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> template.getCollection("conversations")
					.flatMap((collection) -> reactor.core.publisher.Mono.from(collection.countDocuments()))
					.block(Duration.ofSeconds(10)) == 20L);
			for (Chat chat : chats) {
				List<Document> stored = template.find(org.springframework.data.mongodb.core.query.Query
					.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(chat.conversationId())),
						Document.class, "conversations")
					.collectList()
					.block(Duration.ofSeconds(10));
				assertThat(stored).hasSize(1);
				assertThat(stored.get(0).getString("endReason")).isEqualTo("counsellor_ended");
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> redis.hlen("{uw}:outbox") == 0);
			assertThat(health(app)).isEqualTo("UP");
			chats.forEach(Chat::close);
		}
		finally {
			mongo.shutdownNow();
		}
	}

	private static String health(AppInstance app) {
		JsonNode health = WebClient.create("http://127.0.0.1:" + app.port())
			.get()
			.uri("/actuator/health")
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(15));
		return health.path("status").asString();
	}

}
