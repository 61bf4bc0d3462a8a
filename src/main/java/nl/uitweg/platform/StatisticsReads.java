package nl.uitweg.platform;

import com.mongodb.ReadConcern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOptions;
import org.springframework.stereotype.Component;

/**
 * The read concern of the statistics' MongoDB reads (the tallies of conversation records,
 * registrations and staffing samples), {@code uitweg.stats.read-concern}. With
 * {@code majority} (the default) a published figure counts only what a majority of the
 * replica set holds, so a record a primary election later rolls back is never counted,
 * and the same question asked of two members gets the same answer. Only these reads get
 * it: the chat's own reads need no such guarantee, and writes take theirs from
 * {@code MONGODB_URI} ({@code w=majority}).
 */
@Component
public class StatisticsReads {

	/** The levels that make sense for a one-off count outside a transaction. */
	public enum Level {

		/** What the server or {@code MONGODB_URI} ({@code readConcernLevel}) says. */
		SERVER_DEFAULT(null),
		/** The member's newest data, which an election may still roll back. */
		LOCAL(ReadConcern.LOCAL),
		/** Like local, also on a sharded cluster's orphans. */
		AVAILABLE(ReadConcern.AVAILABLE),
		/** Only what a majority of the replica set has written. */
		MAJORITY(ReadConcern.MAJORITY);

		private final @Nullable ReadConcern concern;

		Level(@Nullable ReadConcern concern) {
			this.concern = concern;
		}

	}

	/**
	 * {@code uitweg.stats.read-concern}, beside the {@code k} of {@code stats}' own
	 * properties (bound to the same prefix), because the statistics' reads live in three
	 * modules that cannot see {@code stats}.
	 *
	 * @param readConcern the read concern of the statistics' reads
	 */
	@ConfigurationProperties("uitweg.stats")
	public record Properties(@DefaultValue("majority") Level readConcern) {
	}

	private final @Nullable ReadConcern concern;

	public StatisticsReads(Properties properties) {
		this.concern = properties.readConcern().concern;
	}

	/** The aggregation with the statistics' read concern. */
	public Aggregation aggregation(Aggregation aggregation) {
		return (this.concern != null)
				? aggregation.withOptions(AggregationOptions.builder().readConcern(this.concern).build()) : aggregation;
	}

}
