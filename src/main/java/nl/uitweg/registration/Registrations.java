package nl.uitweg.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import nl.uitweg.conversation.ConversationRecord;
import nl.uitweg.conversation.ConversationRecords;
import nl.uitweg.conversation.FeedbackRecorded;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.registration.ConversationNotRegistrable.Reason;
import nl.uitweg.visitor.Campaigns;

/**
 * Contact registrations: one per conversation, by the counsellor who had it at its end,
 * editable by them for a day, and the list of their conversations still to register.
 */
@Service
public class Registrations {

	/** Registrations stay editable this long after the hour they were first made in. */
	static final Duration EDITABLE = Duration.ofHours(25);

	private static final int PENDING_LIMIT = 200;

	private final ReactiveMongoTemplate mongo;

	private final Conversations conversations;

	private final ConversationRecords records;

	private final Clock clock;

	private final Campaigns campaigns;

	private final RegistrationValidator validator;

	Registrations(ReactiveMongoTemplate mongo, Conversations conversations, ConversationRecords records, Clock clock,
			Campaigns campaigns) {
		this.mongo = mongo;
		this.conversations = conversations;
		this.records = records;
		this.clock = clock;
		this.campaigns = campaigns;
		this.validator = new RegistrationValidator(this::taxonomy);
	}

	/** The taxonomy now: its entry channels follow the campaigns this instance knows. */
	public List<Taxonomy.Field> taxonomy() {
		Map<String, String> known = new LinkedHashMap<>();
		this.campaigns.all().forEach((campaign) -> known.put(campaign.code(), campaign.label()));
		return Taxonomy.fields(known);
	}

	/** A conversation of this counsellor that still has no registration. */
	public record Pending(String conversationId, Instant startedHour, long waitedSeconds, long activeSeconds,
			String endReason) {
	}

	public Flux<Pending> pending(String counsellor) {
		return this.records.answeredBy(counsellor, PENDING_LIMIT).collectList().flatMapMany((handled) -> {
			List<String> ids = handled.stream().map(ConversationRecord::id).toList();
			return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), Registration.class)
				.map(Registration::conversationId)
				.collect(Collectors.toSet())
				.flatMapMany((registered) -> Flux.fromIterable(handled)
					.filter((record) -> !registered.contains(record.id()))
					.map(Registrations::pending));
		});
	}

	private static Pending pending(ConversationRecord record) {
		return new Pending(record.id(), record.startedHour(), record.waitedSeconds(), record.activeSeconds(),
				record.endReason());
	}

	/** The outcome of saving: created or updated. */
	public record Saved(Registration registration, boolean created) {
	}

	public Mono<Saved> register(String conversationId, String counsellor, JsonNode body) {
		RegistrationValidator.Result result = this.validator.validate(body);
		if (result instanceof RegistrationValidator.Result.Invalid invalid) {
			return Mono.error(new RegistrationInvalid(invalid.fields()));
		}
		Map<String, Object> answers = ((RegistrationValidator.Result.Valid) result).answers();
		return this.records.find(conversationId)
			.switchIfEmpty(Mono.defer(() -> notEnded(conversationId)))
			.flatMap((metadata) -> {
				if (!counsellor.equals(metadata.counsellor())) {
					return Mono.error(new ConversationNotRegistrable(Reason.NOT_YOURS));
				}
				return this.mongo.findById(conversationId, Registration.class)
					.map((existing) -> update(existing, answers, metadata))
					.switchIfEmpty(Mono.fromSupplier(() -> create(conversationId, counsellor, metadata, answers)));
			})
			.flatMap((saved) -> this.mongo.save(saved.registration()).then(copyLateFeedback(saved)).thenReturn(saved));
	}

	private Saved update(Registration existing, Map<String, Object> answers, ConversationRecord metadata) {
		if (this.clock.instant().isAfter(existing.registeredHour().plus(EDITABLE))) {
			throw new RegistrationClosed();
		}
		return new Saved(existing.withAnswers(answers, metadata.feedback()), false);
	}

	private Saved create(String conversationId, String counsellor, ConversationRecord metadata,
			Map<String, Object> answers) {
		Instant hour = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		return new Saved(new Registration(conversationId, counsellor, metadata.startedHour(), hour, answers,
				metadata.campaign(), metadata.feedback()), true);
	}

	/**
	 * Feedback that reached the record while this registration was being saved would be
	 * missed by both sides (the copy on {@link FeedbackRecorded} found no registration
	 * yet): read it again after the save.
	 */
	private Mono<Void> copyLateFeedback(Saved saved) {
		String id = saved.registration().conversationId();
		return this.records.find(id)
			.mapNotNull(ConversationRecord::feedback)
			.filter((feedback) -> !feedback.equals(saved.registration().feedback()))
			.flatMap((feedback) -> copyFeedback(id, feedback));
	}

	/** Copies a visitor's feedback into the registration of that conversation, if any. */
	Mono<Void> copyFeedback(String conversationId, String feedback) {
		return this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(conversationId)), new Update().set("feedback", feedback),
					Registration.class)
			.then();
	}

	/** Not in MongoDB yet: still running (or its metadata is on its way), or unknown. */
	private Mono<ConversationRecord> notEnded(String conversationId) {
		return this.conversations.state(conversationId)
			.flatMap((state) -> Mono.<ConversationRecord>error(
					new ConversationNotRegistrable(state.open() ? Reason.OPEN : Reason.NOT_STORED_YET)))
			.switchIfEmpty(Mono.error(() -> new ConversationNotRegistrable(Reason.NOT_FOUND)));
	}

	Set<String> fieldNames() {
		return taxonomy().stream().map(Taxonomy.Field::name).collect(Collectors.toSet());
	}

}
