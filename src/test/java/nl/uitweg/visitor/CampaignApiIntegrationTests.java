package nl.uitweg.visitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.uitweg.platform.RedisKeys;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.Rest;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Coordinators create and retire campaigns over REST; new sessions keep only live codes,
 * while the taxonomy and registrations keep every code ever created. MongoDB is shared by
 * the whole test JVM, so every test makes codes of its own.
 */
class CampaignApiIntegrationTests {

	private final AppInstance a = AppInstance.shared("A");

	private final WebTestClient client = Rest.anonymous(this.a);

	private StaffLogin admin;

	@BeforeEach
	void cleanChatStateAndSignIn() {
		TestBackends.get().flushChat();
		this.admin = StaffLogin.of(this.a.port(), "admin", "admin-test-password");
	}

	@Test
	void aCreatedCampaignIsKeptBySessionsUntilRetiredAndStaysInTheTaxonomy() {
		String code = uniqueCode("LIVE");
		coordinator().post()
			.uri("/api/v1/admin/campaigns")
			.bodyValue(Map.of("code", code, "label", "  Scholen najaar  "))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code)
			.jsonPath("$.label")
			.isEqualTo("Scholen najaar")
			.jsonPath("$.createdAt")
			.value((String createdAt) -> assertThat(Instant.parse(createdAt)).isBefore(Instant.now().plusSeconds(1)))
			.jsonPath("$")
			.value((Map<String, Object> campaign) -> assertThat(campaign)
				.containsOnlyKeys("code", "label", "createdAt", "retiredAt")
				.containsEntry("retiredAt", null));
		coordinator().get()
			.uri("/api/v1/admin/campaigns")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.code == '" + code + "')].label")
			.isEqualTo("Scholen najaar");

		// Links may carry the code in any case; the session keeps it upper-cased.
		assertThat(sessionCampaign(code.toLowerCase(Locale.ROOT))).isEqualTo(code);
		assertThat(entryChannel(code)).isEqualTo(Map.of("nl", "Scholen najaar", "en", "Scholen najaar"));

		coordinator().post()
			.uri("/api/v1/admin/campaigns/{code}/retire", code)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code)
			.jsonPath("$.retiredAt")
			.isNotEmpty();
		// Retiring twice changes nothing; a retired code is never handed out again.
		coordinator().post().uri("/api/v1/admin/campaigns/{code}/retire", code).exchange().expectStatus().isOk();
		coordinator().post()
			.uri("/api/v1/admin/campaigns")
			.bodyValue(Map.of("code", code, "label", "Again"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("campaign_exists");

		assertThat(sessionCampaign(code)).isEqualTo(VisitorSessions.DIRECT);
		assertThat(entryChannel(code)).isEqualTo(Map.of("nl", "Scholen najaar", "en", "Scholen najaar"));
		coordinator().get()
			.uri("/api/v1/admin/campaigns")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.code == '" + code + "')].retiredAt")
			.isNotEmpty();
	}

	@Test
	void aRegistrationMayNameARetiredCampaignButNotAnUnknownOne() {
		String code = uniqueCode("REG");
		coordinator().post()
			.uri("/api/v1/admin/campaigns")
			.bodyValue(Map.of("code", code, "label", "Registered"))
			.exchange()
			.expectStatus()
			.isCreated();
		coordinator().post().uri("/api/v1/admin/campaigns/{code}/retire", code).exchange().expectStatus().isOk();

		String conversationId;
		try (Chat chat = Chat.open(this.a, this.a, "campaign-registrar")) {
			conversationId = chat.conversationId();
			chat.counsellor().send(Map.of("type", "end", "conversationId", conversationId));
			chat.visitor().ws().expect("ended");
		}
		WebTestClient counsellor = Rest.as(this.a,
				StaffLogin.of(this.a.port(), "campaign-registrar", "password-campaign-registrar"));
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> counsellor.get()
				.uri("/api/v1/registrations/pending")
				.exchange()
				.expectBody()
				.jsonPath("$[?(@.conversationId == '" + conversationId + "')]")
				.exists());
		counsellor.put()
			.uri("/api/v1/conversations/{id}/registration", conversationId)
			.bodyValue(Map.of("entryChannel", uniqueCode("NEVER")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_registration")
			.jsonPath("$.fields[0]")
			.isEqualTo("entryChannel");
		counsellor.put()
			.uri("/api/v1/conversations/{id}/registration", conversationId)
			.bodyValue(Map.of("entryChannel", code))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.answers.entryChannel")
			.isEqualTo(code);
	}

	@Test
	void duplicatesMalformedCodesUnknownCampaignsAndCounsellorsAreRefused() {
		String code = uniqueCode("DUP");
		coordinator().post()
			.uri("/api/v1/admin/campaigns")
			.bodyValue(Map.of("code", code, "label", "First"))
			.exchange()
			.expectStatus()
			.isCreated();
		coordinator().post()
			.uri("/api/v1/admin/campaigns")
			.bodyValue(Map.of("code", code, "label", "Second"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("campaign_exists");

		for (String bad : List.of("lower-case", "X", "WITH SPACE", "DIRECT", "UNKNOWN", "A".repeat(33))) {
			coordinator().post()
				.uri("/api/v1/admin/campaigns")
				.bodyValue(Map.of("code", bad, "label", "Fine"))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_request")
				.jsonPath("$.fields")
				.value((List<String> fields) -> assertThat(fields).as(bad).containsExactly("code"));
		}
		coordinator().post()
			.uri("/api/v1/admin/campaigns")
			.bodyValue(Map.of("code", uniqueCode("LBL"), "label", " "))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.fields")
			.value((List<String> fields) -> assertThat(fields).containsExactly("label"));
		assertThat(this.a.bean(Campaigns.class).all()).noneMatch((campaign) -> campaign.code().equals("DIRECT"));

		coordinator().post()
			.uri("/api/v1/admin/campaigns/{code}/retire", uniqueCode("NONE"))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("campaign_not_found");

		this.a.ensureCounsellor("campaign-outsider", "password-campaign-outsider", 1);
		WebTestClient counsellor = Rest.as(this.a,
				StaffLogin.of(this.a.port(), "campaign-outsider", "password-campaign-outsider"));
		counsellor.get()
			.uri("/api/v1/admin/campaigns")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("forbidden");
		counsellor.post()
			.uri("/api/v1/admin/campaigns")
			.bodyValue(Map.of("code", uniqueCode("CNS"), "label", "Not mine"))
			.exchange()
			.expectStatus()
			.isForbidden();
		counsellor.post().uri("/api/v1/admin/campaigns/{code}/retire", code).exchange().expectStatus().isForbidden();
		assertThat(this.a.bean(Campaigns.class).active()).contains(code);
	}

	@Test
	void configuredCodesAreSeededAndOtherInstancesPickUpChangesOnTheirNextRead() {
		String seeded = uniqueCode("SEED");
		try (AppInstance other = AppInstance.start("campaigns", Map.of("uitweg.visitor.campaigns",
				seeded.toLowerCase(Locale.ROOT) + ",DIRECT", "uitweg.visitor.campaign-refresh", "300ms"))) {
			assertThat(other.bean(Campaigns.class).active()).contains(seeded).doesNotContain("DIRECT");
			coordinator().get()
				.uri("/api/v1/admin/campaigns")
				.exchange()
				.expectBody()
				.jsonPath("$[?(@.code == '" + seeded + "')].label")
				.isEqualTo(seeded);

			String created = uniqueCode("ELSEWHERE");
			coordinator().post()
				.uri("/api/v1/admin/campaigns")
				.bodyValue(Map.of("code", created, "label", "Elsewhere"))
				.exchange()
				.expectStatus()
				.isCreated();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(other.bean(Campaigns.class).active()).contains(created));
			coordinator().post().uri("/api/v1/admin/campaigns/{code}/retire", seeded).exchange().expectStatus().isOk();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(other.bean(Campaigns.class).active()).doesNotContain(seeded));
			assertThat(other.bean(Campaigns.class).all()).anyMatch((campaign) -> campaign.code().equals(seeded));
		}
	}

	/** The campaign a new session records, as kept in its Redis hash. */
	private String sessionCampaign(String campaign) {
		String token = this.client.post()
			.uri("/api/v1/visitor/sessions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("campaign", campaign))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(VisitorSessions.Created.class)
			.getResponseBody()
			.blockFirst(Duration.ofSeconds(5))
			.resumeToken();
		return TestBackends.get().redis().hget(RedisKeys.visitorSession(VisitorSessions.hash(token)), "campaign");
	}

	/** The labels of this entry channel code in the public taxonomy; empty if absent. */
	@SuppressWarnings("unchecked")
	private Map<String, String> entryChannel(String code) {
		Map<String, Object> taxonomy = this.client.get()
			.uri("/api/v1/taxonomy")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return ((List<Map<String, Object>>) taxonomy.get("fields")).stream()
			.filter((field) -> "entryChannel".equals(field.get("name")))
			.flatMap((field) -> ((List<Map<String, Object>>) field.get("codes")).stream())
			.filter((entry) -> code.equals(entry.get("code")))
			.map((entry) -> (Map<String, String>) entry.get("labels"))
			.findFirst()
			.orElse(Map.of());
	}

	private static String uniqueCode(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
	}

	private WebTestClient coordinator() {
		return Rest.as(this.a, this.admin);
	}

}
