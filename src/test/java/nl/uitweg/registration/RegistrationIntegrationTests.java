package nl.uitweg.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.Chat;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A counsellor ends a chat and registers it with coded answers; nobody else can. */
class RegistrationIntegrationTests {

	private final AppInstance a = AppInstance.shared("A");

	private final WebTestClient client = Rest.anonymous(this.a);

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void anyoneReadsTheTaxonomyWithDutchAndEnglishLabels() {
		this.client.get()
			.uri("/api/v1/taxonomy")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.fields[0].name")
			.isEqualTo("contactRole")
			.jsonPath("$.fields[0].codes[0].code")
			.isEqualTo("VICTIM_SELF")
			.jsonPath("$.fields[0].codes[0].labels.nl")
			.isEqualTo("Slachtoffer zelf")
			.jsonPath("$.fields[3].onlyWith")
			.isEqualTo("SCHOOL")
			.jsonPath("$.fields.length()")
			.isEqualTo(14);
	}

	@Test
	void theCounsellorWhoEndedAChatRegistersItOnceAndMayCorrectIt() {
		String conversationId;
		try (Chat chat = Chat.open(this.a, this.a, "registrar")) {
			conversationId = chat.conversationId();
			// While the conversation runs there is nothing to register yet.
			staff("registrar").put()
				.uri("/api/v1/conversations/{id}/registration", conversationId)
				.bodyValue(Map.of("gender", "MALE"))
				.exchange()
				.expectStatus()
				.isEqualTo(409)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("conversation_open");
			chat.counsellor().send(Map.of("type", "end", "conversationId", conversationId));
			chat.visitor().ws().expect("ended");
		}
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> staff("registrar").get()
				.uri("/api/v1/registrations/pending")
				.exchange()
				.expectBody()
				.jsonPath("$[?(@.conversationId == '" + conversationId + "')]")
				.exists());

		staff("registrar").put()
			.uri("/api/v1/conversations/{id}/registration", conversationId)
			.bodyValue(Map.of("forcedCrimeForms", List.of("DRUGS", "PIZZA"), "region", "ATLANTIS", "notes", "x"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_registration")
			.jsonPath("$.fields")
			.value((List<String> fields) -> assertThat(fields).containsExactlyInAnyOrder("forcedCrimeForms", "region",
					"notes"));

		Map<String, Object> answers = Map.of("contactRole", "VICTIM_SELF", "forcedCrimeForms",
				List.of("DRUGS", "MONEY_MULE"), "recruitmentLocations", List.of("ONLINE"), "ageGroup", "AGE_13_17",
				"region", "UTRECHT", "referrals", List.of("VEILIG_THUIS"));
		staff("registrar").put()
			.uri("/api/v1/conversations/{id}/registration", conversationId)
			.bodyValue(answers)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.answers.forcedCrimeForms[1]")
			.isEqualTo("MONEY_MULE");
		staff("registrar").put()
			.uri("/api/v1/conversations/{id}/registration", conversationId)
			.bodyValue(Map.of("contactRole", "PEER"))
			.exchange()
			.expectStatus()
			.isOk();

		staff("registrar").get()
			.uri("/api/v1/registrations/pending")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.conversationId == '" + conversationId + "')]")
			.doesNotExist();

		this.a.ensureCounsellor("bystander", "password-bystander", 1);
		staff("bystander").put()
			.uri("/api/v1/conversations/{id}/registration", conversationId)
			.bodyValue(Map.of("gender", "FEMALE"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_your_conversation");

		// A day later the registration is closed.
		ReactiveMongoTemplate mongo = this.a.bean(ReactiveMongoTemplate.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(conversationId)),
				Update.update("registeredHour", Date
					.from(Instant.now().minus(Duration.ofHours(26)).truncatedTo(java.time.temporal.ChronoUnit.HOURS))),
				Registration.class)
			.block(Duration.ofSeconds(5));
		staff("registrar").put()
			.uri("/api/v1/conversations/{id}/registration", conversationId)
			.bodyValue(Map.of("contactRole", "FAMILY"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("registration_closed");
		Registration stored = mongo.findById(conversationId, Registration.class).block(Duration.ofSeconds(5));
		assertThat(stored.answers()).containsEntry("contactRole", "PEER");
		assertThat(stored.registeredHour().getEpochSecond() % 3600).as("no time finer than the hour").isZero();

		staff("registrar").put()
			.uri("/api/v1/conversations/{id}/registration", "no-such-conversation")
			.bodyValue(Map.of())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("conversation_not_found");
	}

	private WebTestClient staff(String username) {
		return Rest.as(this.a, StaffLogin.of(this.a.port(), username, "password-" + username));
	}

}
