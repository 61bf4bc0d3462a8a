package nl.uitweg.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import nl.uitweg.platform.StatisticsReads;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics' reads carry {@code uitweg.stats.read-concern} on the wire (seen by a
 * command listener on the driver), and the test backend, mongo-java-server, answers them
 * with it: counts and aggregations both.
 */
class StatisticsReadConcernIntegrationTests {

	private static final Instant FROM = Instant.parse("2031-01-01T00:00:00Z");

	private static final Instant TO = Instant.parse("2031-02-01T00:00:00Z");

	@Test
	void majorityIsAskedForAndAnswered() {
		List<BsonDocument> commands = run(StatisticsReads.Level.MAJORITY);
		assertThat(commands).extracting((command) -> command.getFirstKey()).containsOnly("aggregate");
		assertThat(commands).allSatisfy((command) -> assertThat(
				command.getDocument("readConcern", new BsonDocument()).getString("level").getValue())
			.as(command.getFirstKey())
			.isEqualTo("majority"));
	}

	@Test
	void localIsAskedForAndServerDefaultAsksForNothing() {
		assertThat(run(StatisticsReads.Level.LOCAL))
			.allSatisfy((command) -> assertThat(command.getDocument("readConcern").getString("level").getValue())
				.isEqualTo("local"));
		assertThat(run(StatisticsReads.Level.SERVER_DEFAULT))
			.allSatisfy((command) -> assertThat(command.containsKey("readConcern")).isFalse());
	}

	/** The count and an aggregation of the registration figures; the commands sent. */
	private static List<BsonDocument> run(StatisticsReads.Level level) {
		List<BsonDocument> commands = new CopyOnWriteArrayList<>();
		CommandListener listener = new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				// A count is a command of its own or an aggregation, depending on the
				// call.
				if (List.of("count", "aggregate").contains(event.getCommandName())) {
					commands.add(event.getCommand().clone());
				}
			}
		};
		MongoClientSettings settings = MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(TestBackends.get().mongoUri()))
			.addCommandListener(listener)
			.build();
		try (MongoClient client = MongoClients.create(settings)) {
			var figures = new RegistrationFigures(new ReactiveMongoTemplate(client, "uitweg-read-concern"),
					new StatisticsReads(new StatisticsReads.Properties(level)));
			assertThat(figures.count(FROM, TO).block(Duration.ofSeconds(10))).isZero();
			assertThat(figures.byCampaign(FROM, TO).collectList().block(Duration.ofSeconds(10))).isEmpty();
		}
		assertThat(commands).hasSize(2);
		return commands;
	}

}
