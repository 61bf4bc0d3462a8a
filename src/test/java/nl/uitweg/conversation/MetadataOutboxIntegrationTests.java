package nl.uitweg.conversation;

import java.time.Duration;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox moves metadata to MongoDB and is not stalled by an entry it cannot read. */
class MetadataOutboxIntegrationTests {

	@Test
	void anUnreadableEntryIsSetAsideAndTheRestStillLands() {
		AppInstance a = AppInstance.shared("A");
		var redis = TestBackends.get().redis();
		String good = UUID.randomUUID().toString();
		redis.hset("{uw}:outbox", "broken-" + good, "{not json");
		redis.hset("{uw}:outbox", good, "{\"endReason\":\"visitor_left\",\"answered\":false}");
		ReactiveMongoTemplate mongo = a.bean(ReactiveMongoTemplate.class);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> mongo.findById(good, Document.class, "conversations")
				.blockOptional(Duration.ofSeconds(5))
				.isPresent());
		await().atMost(Duration.ofSeconds(15)).until(() -> !redis.hexists("{uw}:outbox", "broken-" + good));
		assertThat(redis.hget("{uw}:outbox:unreadable", "broken-" + good)).isEqualTo("{not json");
		assertThat(mongo.findById(good, Document.class, "conversations")
			.block(Duration.ofSeconds(5))
			.getString("endReason")).isEqualTo("visitor_left");
	}

}
