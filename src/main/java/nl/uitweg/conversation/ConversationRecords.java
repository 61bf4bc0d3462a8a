package nl.uitweg.conversation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.Field;
import org.springframework.data.mongodb.core.aggregation.Fields;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.StatisticsReads;

/**
 * The stored records of ended conversations. The only way into their MongoDB collection:
 * other modules read typed records here, and only the {@link MetadataOutbox} writes.
 */
@Service
public class ConversationRecords {

	private static final String COUNT = "n";

	static final long DURATION_STEP = 10;

	private final ReactiveMongoTemplate mongo;

	private final ZoneId zone;

	private final EventBus events;

	private final StatisticsReads reads;

	ConversationRecords(ReactiveMongoTemplate mongo, ConversationProperties properties, EventBus events,
			StatisticsReads reads) {
		this.reads = reads;
		this.mongo = mongo;
		this.zone = properties.zone();
		this.events = events;
	}

	/** What statistics may group the records by. */
	public enum Dimension {

		WEEK("periods.week"), MONTH("periods.month"), QUARTER("periods.quarter"), HOUR_OF_WEEK("periods.hourOfWeek"),
		ANSWERED("answered"), WAITED_SECONDS("waitedSeconds"), ACTIVE_SECONDS("activeSeconds"), CAMPAIGN("campaign"),
		FEEDBACK("feedback");

		private final String path;

		Dimension(String path) {
			this.path = path;
		}

		String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** How many records share one value of each dimension grouped by. */
	public record Tally(Map<Dimension, @Nullable Object> key, long count) {

		public @Nullable String text(Dimension dimension) {
			Object value = this.key.get(dimension);
			return (value != null) ? value.toString() : null;
		}

		public long number(Dimension dimension) {
			return (this.key.get(dimension) instanceof Number number) ? number.longValue() : 0;
		}

		public boolean flag(Dimension dimension) {
			return Boolean.TRUE.equals(this.key.get(dimension));
		}

	}

	/**
	 * Counts the records of conversations started in {@code [from, to)}, grouped by the
	 * given dimensions, in MongoDB: only the groups travel, never the records.
	 * @param answeredOnly only conversations a counsellor answered
	 * @param withFeedback only conversations whose visitor gave feedback
	 */
	public Flux<Tally> tally(Instant from, Instant to, List<Dimension> by, boolean answeredOnly, boolean withFeedback) {
		Criteria criteria = Criteria.where("startedHour").gte(Date.from(from)).lt(Date.from(to));
		if (answeredOnly) {
			criteria = criteria.and("answered").is(true);
		}
		if (withFeedback) {
			criteria = criteria.and("feedback").exists(true).ne(null);
		}
		Fields fields = Fields.from(by.stream().map((d) -> Fields.field(d.key(), d.path)).toArray(Field[]::new));
		Aggregation aggregation = this.reads.aggregation(
				Aggregation.newAggregation(Aggregation.match(criteria), Aggregation.group(fields).count().as(COUNT)));
		String collection = this.mongo.getCollectionName(ConversationRecord.class);
		return this.mongo.aggregate(aggregation, collection, Document.class).map((row) -> {
			Map<Dimension, @Nullable Object> key = new EnumMap<>(Dimension.class);
			Object id = row.get("_id");
			for (Dimension dimension : by) {
				// One field grouped by comes back as the id itself, several as a
				// document.
				key.put(dimension, (id instanceof Document doc) ? doc.get(dimension.key()) : id);
			}
			return new Tally(key, ((Number) row.get(COUNT)).longValue());
		});
	}

	/**
	 * The record of an ended conversation, once its metadata has reached MongoDB. The
	 * visitor's feedback may land first; on its own it is not a record yet.
	 */
	public Mono<ConversationRecord> find(String id) {
		return this.mongo.findOne(Query.query(Criteria.where("id").is(id).and("startedHour").exists(true)),
				ConversationRecord.class);
	}

	/** The conversations this counsellor answered, newest first. */
	public Flux<ConversationRecord> answeredBy(String counsellor, int limit) {
		Query answered = Query.query(Criteria.where("counsellor").is(counsellor).and("answered").is(true))
			.with(Sort.by(Sort.Direction.DESC, "startedHour"))
			.limit(limit);
		return this.mongo.find(answered, ConversationRecord.class);
	}

	/**
	 * Sets everything the end of a conversation knows. The feedback is left alone: it
	 * comes in its own outbox entry, before or after this one, and either may be written
	 * more than once.
	 */
	Mono<Void> upsertEnded(ConversationRecord ended) {
		Update update = new Update().set("startedHour", ended.startedHour())
			.set("periods", Periods.of(ended.startedHour(), this.zone))
			.set("waitedSeconds", rounded(ended.waitedSeconds()))
			.set("activeSeconds", rounded(ended.activeSeconds()))
			.set("answered", ended.answered())
			.set("endReason", ended.endReason())
			.set("counsellor", ended.counsellor())
			.set("intake", ended.intake())
			.set("campaign", ended.campaign())
			.set("priorityBand", ended.priorityBand())
			.set("locale", ended.locale())
			.set("requeues", ended.requeues());
		return upsert(ended.id(), update);
	}

	/**
	 * Durations are kept to the nearest {@value #DURATION_STEP} seconds: exact to the
	 * second, a wait and a length together come close to a fingerprint of one
	 * conversation, and the statistics need no more.
	 */
	static long rounded(long seconds) {
		return ((seconds + DURATION_STEP / 2) / DURATION_STEP) * DURATION_STEP;
	}

	/**
	 * Sets the visitor's feedback, whether or not the rest of the record is in yet, and
	 * says so on this instance's bus (a registration made earlier copies it).
	 */
	Mono<Void> upsertFeedback(String id, String feedback) {
		return upsert(id, new Update().set("feedback", feedback))
			.doOnSuccess((done) -> this.events.publish(new FeedbackRecorded(id, feedback)));
	}

	private Mono<Void> upsert(String id, Update update) {
		return this.mongo.upsert(Query.query(Criteria.where("id").is(id)), update, ConversationRecord.class).then();
	}

}
