package nl.uitweg.conversation;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The stored records of ended conversations. The only way into their MongoDB collection:
 * other modules read typed records here, and only the {@link MetadataOutbox} writes.
 */
@Service
public class ConversationRecords {

	private final ReactiveMongoTemplate mongo;

	ConversationRecords(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
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
			.set("waitedSeconds", ended.waitedSeconds())
			.set("activeSeconds", ended.activeSeconds())
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

	/** Sets the visitor's feedback, whether or not the rest of the record is in yet. */
	Mono<Void> upsertFeedback(String id, String feedback) {
		return upsert(id, new Update().set("feedback", feedback));
	}

	private Mono<Void> upsert(String id, Update update) {
		return this.mongo.upsert(Query.query(Criteria.where("id").is(id)), update, ConversationRecord.class).then();
	}

}
