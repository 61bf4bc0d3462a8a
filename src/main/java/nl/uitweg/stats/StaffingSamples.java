package nl.uitweg.stats;

import java.time.Instant;

import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import nl.uitweg.platform.StatisticsReads;

/**
 * How many counsellors were signed in and available, sampled once a minute and added up
 * per clock hour: the only code that names the {@value #COLLECTION} collection. One
 * document per hour, {@code _id} the hour's ISO instant (whole hours, so they sort as
 * they follow in time), with {@code hourOfWeek}, {@code samples}, {@code availableSum}
 * and {@code signedInSum}.
 */
@Component
class StaffingSamples {

	static final String COLLECTION = "staffing_samples";

	private static final String HOUR_OF_WEEK = "hourOfWeek";

	private static final String SAMPLES = "samples";

	private static final String AVAILABLE_SUM = "availableSum";

	private static final String SIGNED_IN_SUM = "signedInSum";

	private final ReactiveMongoTemplate mongo;

	private final StatisticsReads reads;

	StaffingSamples(ReactiveMongoTemplate mongo, StatisticsReads reads) {
		this.mongo = mongo;
		this.reads = reads;
	}

	/** The samples of one hour of the week, added up over the hours asked for. */
	record Totals(int hourOfWeek, long samples, long availableSum, long signedInSum) {

		double meanAvailable() {
			return (double) this.availableSum / this.samples;
		}

	}

	/**
	 * Adds one sample to its hour with {@code $inc}: no read first, so two writers never
	 * lose each other's sample. The minute claim makes sure there is one per minute.
	 */
	Mono<Void> add(Instant hour, int hourOfWeek, long available, long signedIn) {
		Update update = new Update().set(HOUR_OF_WEEK, hourOfWeek)
			.inc(SAMPLES, 1)
			.inc(AVAILABLE_SUM, available)
			.inc(SIGNED_IN_SUM, signedIn);
		return this.mongo.upsert(Query.query(Criteria.where("_id").is(hour.toString())), update, COLLECTION).then();
	}

	/**
	 * The samples of the hours starting in {@code [from, to)}, both whole hours, added up
	 * per hour of the week in MongoDB; hours of the week without samples are left out.
	 */
	Flux<Totals> byHourOfWeek(Instant from, Instant to) {
		Aggregation aggregation = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("_id").gte(from.toString()).lt(to.toString())),
				Aggregation.group(HOUR_OF_WEEK)
					.sum(SAMPLES)
					.as(SAMPLES)
					.sum(AVAILABLE_SUM)
					.as(AVAILABLE_SUM)
					.sum(SIGNED_IN_SUM)
					.as(SIGNED_IN_SUM));
		return this.mongo.aggregate(this.reads.aggregation(aggregation), COLLECTION, Document.class)
			.map((row) -> new Totals(((Number) row.get("_id")).intValue(), number(row, SAMPLES),
					number(row, AVAILABLE_SUM), number(row, SIGNED_IN_SUM)))
			.filter((totals) -> totals.samples() > 0);
	}

	private static long number(Document row, String field) {
		return ((Number) row.get(field)).longValue();
	}

}
