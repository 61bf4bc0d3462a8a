package nl.uitweg.visitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/** Anyone gets an anonymous session, and nothing about them is kept. */
class VisitorSessionApiIntegrationTests {

	private final WebTestClient client = Rest.anonymous(AppInstance.shared("A"));

	@Test
	void createsASessionWithoutAnyBody() {
		this.client.post()
			.uri("/api/v1/visitor/sessions")
			.header("User-Agent", "Mozilla/5.0 test-agent-string")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist("Set-Cookie")
			.expectBody()
			.jsonPath("$.sessionId")
			.isNotEmpty()
			.jsonPath("$.resumeToken")
			.value((String token) -> {
				assertThat(token).hasSize(43);
				// Only the token's hash is kept, never the token or the caller's agent.
				String stored = TestBackends.get().redis().keys("{uw}:vs:*").toString();
				assertThat(stored).doesNotContain(token);
				TestBackends.get()
					.redis()
					.keys("{uw}:vs:*")
					.forEach((key) -> assertThat(TestBackends.get().redis().hgetall(key).toString())
						.doesNotContain("test-agent-string")
						.doesNotContain("127.0.0.1"));
			})
			.jsonPath("$.expiresAt")
			.value((String expiresAt) -> assertThat(Instant.parse(expiresAt)).isAfter(Instant.now()));
	}

	@Test
	void recordsOnlyAllowListedCampaignsAndOtherwiseDirect() {
		this.client.post()
			.uri("/api/v1/visitor/sessions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("locale", "en", "campaign", "NOT_LISTED"))
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(AppInstance.shared("A").bean(VisitorSessions.class).campaignCode("NOT_LISTED")).isEqualTo("DIRECT");
	}

	@Test
	void malformedOrInvalidBodiesGetProblemDetails() {
		this.client.post()
			.uri("/api/v1/visitor/sessions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{not json")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_request");
		this.client.post()
			.uri("/api/v1/visitor/sessions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("campaign", "<script>"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_request")
			.jsonPath("$.fields[0]")
			.isEqualTo("campaign");
	}

	@Test
	void theRestReferenceIsPublishedAsOpenApi() {
		this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/v1/visitor/sessions'].post")
			.exists()
			.jsonPath("$.paths['/api/v1/conversations/{id}/registration'].put")
			.exists();
	}

}
