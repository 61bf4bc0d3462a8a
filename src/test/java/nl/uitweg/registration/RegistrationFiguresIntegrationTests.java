package nl.uitweg.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import nl.uitweg.support.AppInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration counts are made in MongoDB (here the wire-protocol stand-in): single
 * and multi-select answers, pairs of fields with their margins, feedback by answer.
 */
class RegistrationFiguresIntegrationTests {

	/** A range of its own, far from every other test's registrations. */
	private static final Instant FROM = Instant.parse("2031-02-01T00:00:00Z");

	private static final Instant TO = Instant.parse("2031-03-01T00:00:00Z");

	@Test
	void countsSingleAndMultiSelectAnswersPairsAndFeedbackInMongoDb() {
		AppInstance app = AppInstance.shared("A");
		ReactiveMongoTemplate mongo = app.bean(ReactiveMongoTemplate.class);
		insert(mongo, Map.of("gender", "MALE", "forcedCrimeForms", List.of("DRUGS", "THEFT")), "YES", "C1");
		insert(mongo, Map.of("gender", "MALE", "forcedCrimeForms", List.of("DRUGS")), "NO", "C1");
		insert(mongo, Map.of("gender", "FEMALE", "forcedCrimeForms", List.of("MONEY_MULE")), null, "DIRECT");
		insert(mongo, Map.of("forcedCrimeForms", List.of("DRUGS")), "YES", "DIRECT");
		// Outside the range: counted nowhere.
		insertAt(mongo, TO, Map.of("gender", "MALE"), "YES", "C1");

		RegistrationFigures figures = app.bean(RegistrationFigures.class);
		assertThat(figures.count(FROM, TO).block(Duration.ofSeconds(10))).isEqualTo(4);
		assertThat(figures.answers(FROM, TO).collectList().block(Duration.ofSeconds(10))).containsExactlyInAnyOrder(
				new RegistrationFigures.AnswerCount("gender", null, 3),
				new RegistrationFigures.AnswerCount("forcedCrimeForms", null, 4),
				new RegistrationFigures.AnswerCount("gender", "MALE", 2),
				new RegistrationFigures.AnswerCount("gender", "FEMALE", 1),
				new RegistrationFigures.AnswerCount("forcedCrimeForms", "DRUGS", 3),
				new RegistrationFigures.AnswerCount("forcedCrimeForms", "THEFT", 1),
				new RegistrationFigures.AnswerCount("forcedCrimeForms", "MONEY_MULE", 1));
		assertThat(figures.pairs(FROM, TO, "forcedCrimeForms", "gender").collectList().block(Duration.ofSeconds(10)))
			.containsExactlyInAnyOrder(new RegistrationFigures.PairCount("DRUGS", "MALE", 2),
					new RegistrationFigures.PairCount("THEFT", "MALE", 1),
					new RegistrationFigures.PairCount("MONEY_MULE", "FEMALE", 1),
					new RegistrationFigures.PairCount("DRUGS", null, 2),
					new RegistrationFigures.PairCount("THEFT", null, 1),
					new RegistrationFigures.PairCount("MONEY_MULE", null, 1),
					new RegistrationFigures.PairCount(null, "MALE", 2),
					new RegistrationFigures.PairCount(null, "FEMALE", 1),
					new RegistrationFigures.PairCount(null, null, 3));
		assertThat(figures.feedbackBy(FROM, TO, "forcedCrimeForms").collectList().block(Duration.ofSeconds(10)))
			.containsExactlyInAnyOrder(new RegistrationFigures.PairCount("DRUGS", "YES", 2),
					new RegistrationFigures.PairCount("DRUGS", "NO", 1),
					new RegistrationFigures.PairCount("THEFT", "YES", 1),
					new RegistrationFigures.PairCount("DRUGS", null, 3),
					new RegistrationFigures.PairCount("THEFT", null, 1),
					new RegistrationFigures.PairCount(null, "YES", 2), new RegistrationFigures.PairCount(null, "NO", 1),
					new RegistrationFigures.PairCount(null, null, 3));
		assertThat(figures.byCampaign(FROM, TO).collectList().block(Duration.ofSeconds(10))).containsExactlyInAnyOrder(
				new RegistrationFigures.AnswerCount("campaign", "C1", 2),
				new RegistrationFigures.AnswerCount("campaign", "DIRECT", 2));
	}

	private static void insert(ReactiveMongoTemplate mongo, Map<String, Object> answers, String feedback,
			String campaign) {
		insertAt(mongo, FROM.plus(Duration.ofDays(3)), answers, feedback, campaign);
	}

	private static void insertAt(ReactiveMongoTemplate mongo, Instant started, Map<String, Object> answers,
			String feedback, String campaign) {
		mongo
			.save(new Registration(UUID.randomUUID().toString(), "figures", started, started, answers, campaign,
					feedback))
			.block(Duration.ofSeconds(10));
	}

}
