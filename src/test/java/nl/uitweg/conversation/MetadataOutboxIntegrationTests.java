package nl.uitweg.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox moves metadata to MongoDB as typed records, in any order and any number of
 * times, and is not stalled by an entry it cannot read.
 */
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

	@Test
	void feedbackFirstAndAnEntryWrittenTwiceMakeOneTypedRecord() {
		AppInstance a = AppInstance.shared("A");
		var redis = TestBackends.get().redis();
		ConversationRecords records = a.bean(ConversationRecords.class);
		ReactiveMongoTemplate mongo = a.bean(ReactiveMongoTemplate.class);
		String id = UUID.randomUUID().toString();
		Instant hour = Instant.parse("2025-03-01T14:00:00Z");

		redis.hset("{uw}:outbox", id + "|feedback", "{\"feedback\":\"PARTLY\"}");
		await().atMost(Duration.ofSeconds(15)).until(() -> !redis.hexists("{uw}:outbox", id + "|feedback"));
		assertThat(records.find(id).blockOptional(Duration.ofSeconds(5))).as("feedback alone is no record").isEmpty();

		String ended = "{\"startedHour\":" + hour.toEpochMilli()
				+ ",\"waitedSeconds\":95,\"activeSeconds\":0,\"answered\":false,\"endReason\":\"visitor_left\","
				+ "\"counsellor\":null,\"intake\":{\"ageGroup\":\"AGE_13_17\"},\"campaign\":\"DIRECT\","
				+ "\"priorityBand\":1,\"locale\":\"nl\",\"requeues\":2}";
		for (int time = 0; time < 2; time++) {
			redis.hset("{uw}:outbox", id, ended);
			await().atMost(Duration.ofSeconds(15)).until(() -> !redis.hexists("{uw}:outbox", id));
		}

		// 95 s of waiting is stored as 100: durations are kept to the nearest 10 s.
		assertThat(records.find(id).block(Duration.ofSeconds(5))).isEqualTo(new ConversationRecord(id, hour, 100, 0,
				false, "visitor_left", null, new Intake(null, "AGE_13_17", null), "DIRECT", 1, "nl", 2, "PARTLY"));
		Document stored = mongo.findById(id, Document.class, "conversations").block(Duration.ofSeconds(5));
		assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "startedHour", "waitedSeconds", "activeSeconds",
				"answered", "endReason", "counsellor", "intake", "campaign", "priorityBand", "locale", "requeues",
				"feedback", "periods");
		// 14:00 UTC on Saturday 1 March 2025 is 15:00 in Amsterdam: hour 5 * 24 + 15.
		assertThat(stored.get("periods", Document.class)).containsEntry("week", "2025-W09")
			.containsEntry("month", "2025-03")
			.containsEntry("quarter", "2025-Q1")
			.containsEntry("hourOfWeek", 135);
		assertThat(stored.get("startedHour")).isInstanceOf(java.util.Date.class);
		assertThat(stored.get("counsellor")).as("stored as null, as before").isNull();
		assertThat(stored.get("intake", Document.class)).containsOnlyKeys("ageGroup");
	}

	@Test
	void answeredConversationsOfOneCounsellorComeNewestFirst() {
		AppInstance a = AppInstance.shared("A");
		var redis = TestBackends.get().redis();
		ConversationRecords records = a.bean(ConversationRecords.class);
		String counsellor = "c-" + UUID.randomUUID();
		Instant hour = Instant.parse("2025-03-01T14:00:00Z");
		String older = UUID.randomUUID().toString();
		String newer = UUID.randomUUID().toString();
		String unanswered = UUID.randomUUID().toString();
		redis.hset("{uw}:outbox", older, entry(hour, counsellor, true));
		redis.hset("{uw}:outbox", newer, entry(hour.plus(Duration.ofHours(1)), counsellor, true));
		redis.hset("{uw}:outbox", unanswered, entry(hour.plus(Duration.ofHours(2)), counsellor, false));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !redis.hexists("{uw}:outbox", older) && !redis.hexists("{uw}:outbox", newer)
					&& !redis.hexists("{uw}:outbox", unanswered));

		assertThat(records.answeredBy(counsellor, 10)
			.map(ConversationRecord::id)
			.collectList()
			.block(Duration.ofSeconds(5))).containsExactly(newer, older);
		assertThat(records.answeredBy(counsellor, 1)
			.map(ConversationRecord::id)
			.collectList()
			.block(Duration.ofSeconds(5))).containsExactly(newer);
	}

	@Test
	void documentsWrittenBeforeTheTypedRecordStillRead() {
		AppInstance a = AppInstance.shared("A");
		ReactiveMongoTemplate mongo = a.bean(ReactiveMongoTemplate.class);
		String id = UUID.randomUUID().toString();
		Instant hour = Instant.parse("2025-03-01T14:00:00Z");
		// As the untyped outbox wrote them: 32-bit numbers, an explicit null counsellor.
		Document old = new Document("_id", id).append("startedHour", java.util.Date.from(hour))
			.append("waitedSeconds", 40)
			.append("activeSeconds", 0)
			.append("answered", false)
			.append("endReason", "visitor_abandoned")
			.append("counsellor", null)
			.append("intake", new Document("acuteDanger", true))
			.append("campaign", "DIRECT")
			.append("priorityBand", 0)
			.append("locale", "en")
			.append("requeues", 0);
		mongo.insert(old, "conversations").block(Duration.ofSeconds(5));

		assertThat(a.bean(ConversationRecords.class).find(id).block(Duration.ofSeconds(5)))
			.isEqualTo(new ConversationRecord(id, hour, 40, 0, false, "visitor_abandoned", null,
					new Intake(null, null, true), "DIRECT", 0, "en", 0, null));
	}

	private static String entry(Instant startedHour, String counsellor, boolean answered) {
		return "{\"startedHour\":" + startedHour.toEpochMilli() + ",\"waitedSeconds\":5,\"activeSeconds\":60,"
				+ "\"answered\":" + answered + ",\"endReason\":\"counsellor_ended\",\"counsellor\":\"" + counsellor
				+ "\",\"intake\":{},\"campaign\":\"DIRECT\",\"priorityBand\":1,\"locale\":\"nl\",\"requeues\":0}";
	}

}
