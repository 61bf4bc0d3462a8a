package nl.uitweg.opening;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.Visitor;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside opening hours a visitor hears when it opens and where to turn meanwhile. */
class OpeningHoursIntegrationTests {

	@Test
	void aVisitorStartingWhileClosedGetsTheNextOpeningAndAlternatives() {
		// A database of its own: the shared instances must stay open around the clock.
		try (AppInstance app = AppInstance.start("opening", Map.of("spring.mongodb.database", "uitweg_opening"))) {
			StaffLogin admin = StaffLogin.of(app.port(), "admin", "admin-test-password");
			WebTestClient client = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + app.port())
				.responseTimeout(Duration.ofSeconds(10))
				.defaultHeader("Cookie", admin.cookieHeader())
				.defaultHeader("X-XSRF-TOKEN", admin.xsrf())
				.build();
			client.put()
				.uri("/api/v1/admin/opening-hours")
				.bodyValue(Map.of("alwaysOpen", false, "weekly", Map.of("FUNDAY", List.of())))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_opening_hours");

			LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(1);
			Map<String, Object> closedToday = Map.of("alwaysOpen", false, "zone", "Europe/Amsterdam", "exceptions",
					Map.of(LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString(), List.of(), tomorrow.toString(),
							List.of(Map.of("from", "09:00", "to", "17:00"))));
			client.put().uri("/api/v1/admin/opening-hours").bodyValue(closedToday).exchange().expectStatus().isOk();

			try (Visitor visitor = Visitor.connect(app.port())) {
				visitor.ws().send(Map.of("type", "start"));
				JsonNode closed = visitor.ws().expect("closed");
				assertThat(closed.path("nextOpening").asString())
					.isEqualTo(tomorrow.atTime(9, 0).atZone(ZoneId.of("Europe/Amsterdam")).toInstant().toString());
				assertThat(closed.path("alternatives").get(0).path("name").asString()).isEqualTo("112");
				assertThat(visitor.ws().hasUnread("queued")).isFalse();

				client.put()
					.uri("/api/v1/admin/opening-hours")
					.bodyValue(Map.of("alwaysOpen", true))
					.exchange()
					.expectStatus()
					.isOk();
				visitor.ws().send(Map.of("type", "start"));
				assertThat(visitor.ws().expect("queued").path("position").asInt()).isPositive();
			}
		}
	}

	@Test
	void aDayOrDateWithoutItsListOfPeriodsIsRefusedAsAProblem() {
		// Refused before anything is saved, so the shared instance stays open.
		AppInstance app = AppInstance.shared("A");
		StaffLogin admin = StaffLogin.of(app.port(), "admin", "admin-test-password");
		WebTestClient client = Rest.as(app, admin);
		Map<String, Object> weekly = new HashMap<>();
		weekly.put("MONDAY", null);
		Map<String, Object> exceptions = new HashMap<>();
		exceptions.put("2026-12-25", Collections.singletonList(null));
		for (Map<String, Object> schedule : List.of(Map.<String, Object>of("alwaysOpen", false, "weekly", weekly),
				Map.<String, Object>of("alwaysOpen", false, "exceptions", exceptions))) {
			client.put()
				.uri("/api/v1/admin/opening-hours")
				.bodyValue(schedule)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_opening_hours")
				.jsonPath("$.fields[0]")
				.isEqualTo(schedule.containsKey("weekly") ? "weekly" : "exceptions");
		}
	}

}
