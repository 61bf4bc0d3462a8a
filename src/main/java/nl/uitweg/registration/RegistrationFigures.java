package nl.uitweg.registration;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.aggregation.Fields;
import org.springframework.data.mongodb.core.aggregation.ObjectOperators;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.StatisticsReads;

/**
 * Counts over the registrations of conversations started in a date range, for the
 * statistics. Every count is made in MongoDB (match, unwind, group, all within what the
 * MongoDB stand-in supports too): only the groups travel, never the registrations.
 */
@Service
public class RegistrationFigures {

	private static final String COUNT = "n";

	private final ReactiveMongoTemplate mongo;

	private final StatisticsReads reads;

	RegistrationFigures(ReactiveMongoTemplate mongo, StatisticsReads reads) {
		this.mongo = mongo;
		this.reads = reads;
	}

	/**
	 * How many registrations answered a field ({@code code} null), or gave one code of
	 * it.
	 */
	public record AnswerCount(String field, @Nullable String code, long count) {
	}

	/** Registrations that gave one code of each of two fields. */
	public record PairCount(@Nullable String row, @Nullable String column, long count) {
	}

	/** Registrations in the range. */
	public Mono<Long> count(Instant from, Instant to) {
		return countOf(inRange(from, to));
	}

	/**
	 * For every field: how many registrations answered it, and how many gave each code (a
	 * multi-select answer counts once for every code it holds).
	 */
	public Flux<AnswerCount> answers(Instant from, Instant to) {
		AggregationOperation pairs = Aggregation.project().and(ObjectOperators.valueOf("answers").toArray()).as("kv");
		Flux<AnswerCount> answered = aggregate(Aggregation.match(inRange(from, to)), pairs, Aggregation.unwind("kv"),
				Aggregation.group("kv.k").count().as(COUNT))
			.map((row) -> new AnswerCount(row.getString("_id"), null, count(row)));
		Flux<AnswerCount> codes = aggregate(Aggregation.match(inRange(from, to)), pairs, Aggregation.unwind("kv"),
				Aggregation.unwind("kv.v"),
				Aggregation.group(Fields.from(Fields.field("f", "kv.k"), Fields.field("c", "kv.v"))).count().as(COUNT))
			.map((row) -> new AnswerCount(id(row).getString("f"), id(row).getString("c"), count(row)));
		return Flux.concat(answered, codes);
	}

	/**
	 * Registrations that answered both fields, by the code of each (rows, columns), and
	 * the margins: by row code alone ({@code column} null), by column code alone
	 * ({@code row} null), and all of them (both null).
	 */
	public Flux<PairCount> pairs(Instant from, Instant to, String rowField, String columnField) {
		Criteria both = inRange(from, to).and("answers." + rowField)
			.exists(true)
			.and("answers." + columnField)
			.exists(true);
		AggregationOperation project = Aggregation.project()
			.and("answers." + rowField)
			.as("r")
			.and("answers." + columnField)
			.as("c");
		Flux<PairCount> cells = aggregate(Aggregation.match(both), project, Aggregation.unwind("r"),
				Aggregation.unwind("c"), Aggregation.group("r", "c").count().as(COUNT))
			.map((row) -> new PairCount(id(row).getString("r"), id(row).getString("c"), count(row)));
		Flux<PairCount> rows = aggregate(Aggregation.match(both), project, Aggregation.unwind("r"),
				Aggregation.group("r").count().as(COUNT))
			.map((row) -> new PairCount(row.getString("_id"), null, count(row)));
		Flux<PairCount> columns = aggregate(Aggregation.match(both), project, Aggregation.unwind("c"),
				Aggregation.group("c").count().as(COUNT))
			.map((row) -> new PairCount(null, row.getString("_id"), count(row)));
		Mono<PairCount> all = countOf(both).map((n) -> new PairCount(null, null, n));
		return Flux.concat(cells, rows, columns, all);
	}

	/**
	 * Registrations with the visitor's feedback, by one field's code (rows) and the
	 * feedback (columns), with the same margins as {@link #pairs}.
	 */
	public Flux<PairCount> feedbackBy(Instant from, Instant to, String field) {
		Criteria given = inRange(from, to).and("feedback").ne(null).and("answers." + field).exists(true);
		AggregationOperation project = Aggregation.project().and("answers." + field).as("r").and("feedback").as("c");
		Flux<PairCount> cells = aggregate(Aggregation.match(given), project, Aggregation.unwind("r"),
				Aggregation.group("r", "c").count().as(COUNT))
			.map((row) -> new PairCount(id(row).getString("r"), id(row).getString("c"), count(row)));
		Flux<PairCount> rows = aggregate(Aggregation.match(given), project, Aggregation.unwind("r"),
				Aggregation.group("r").count().as(COUNT))
			.map((row) -> new PairCount(row.getString("_id"), null, count(row)));
		Flux<PairCount> columns = aggregate(Aggregation.match(given), project, Aggregation.group("c").count().as(COUNT))
			.map((row) -> new PairCount(null, row.getString("_id"), count(row)));
		Mono<PairCount> all = countOf(given).map((n) -> new PairCount(null, null, n));
		return Flux.concat(cells, rows, columns, all);
	}

	/** Registrations by the campaign their visitor came in through. */
	public Flux<AnswerCount> byCampaign(Instant from, Instant to) {
		return aggregate(Aggregation.match(inRange(from, to)), Aggregation.group("campaign").count().as(COUNT))
			.map((row) -> new AnswerCount("campaign", row.getString("_id"), count(row)));
	}

	/**
	 * Counted by an aggregation rather than {@code count}, which would not carry the
	 * statistics' read concern (Spring Data's count leaves it out).
	 */
	private Mono<Long> countOf(Criteria criteria) {
		return aggregate(Aggregation.match(criteria), Aggregation.group().count().as(COUNT)).next()
			.map(RegistrationFigures::count)
			.defaultIfEmpty(0L);
	}

	private Flux<Document> aggregate(AggregationOperation... operations) {
		return this.mongo.aggregate(this.reads.aggregation(Aggregation.newAggregation(List.of(operations))),
				this.mongo.getCollectionName(Registration.class), Document.class);
	}

	private static Criteria inRange(Instant from, Instant to) {
		return Criteria.where("startedHour").gte(Date.from(from)).lt(Date.from(to));
	}

	private static Document id(Document row) {
		return row.get("_id", Document.class);
	}

	private static long count(Document row) {
		return ((Number) row.get(COUNT)).longValue();
	}

}
