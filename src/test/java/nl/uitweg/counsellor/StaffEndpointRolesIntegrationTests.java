package nl.uitweg.counsellor;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.StaffLogin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every REST endpoint has a role, and the role holds: anonymous callers get 401, staff of
 * the other role 403, and state-changing staff calls without the CSRF header 403. The
 * table below must name every endpoint the application maps, so a new one cannot slip in
 * unclassified.
 */
class StaffEndpointRolesIntegrationTests {

	private enum Who {

		ANYONE, STAFF, COUNSELLOR, COORDINATOR

	}

	private static final Map<String, Who> ENDPOINTS = new TreeMap<>(Map.ofEntries(
			Map.entry("POST /api/v1/auth/login", Who.ANYONE), Map.entry("GET /api/v1/taxonomy", Who.ANYONE),
			Map.entry("POST /api/v1/visitor/sessions", Who.ANYONE), Map.entry("GET /api/v1/auth/me", Who.STAFF),
			Map.entry("GET /api/v1/registrations/pending", Who.COUNSELLOR),
			Map.entry("PUT /api/v1/conversations/{id}/registration", Who.COUNSELLOR),
			Map.entry("GET /api/v1/canned-responses", Who.COUNSELLOR),
			Map.entry("POST /api/v1/admin/counsellors", Who.COORDINATOR),
			Map.entry("GET /api/v1/admin/counsellors", Who.COORDINATOR),
			Map.entry("PATCH /api/v1/admin/counsellors/{username}", Who.COORDINATOR),
			Map.entry("POST /api/v1/admin/counsellors/{username}/password", Who.COORDINATOR),
			Map.entry("POST /api/v1/admin/canned-responses", Who.COORDINATOR),
			Map.entry("PUT /api/v1/admin/canned-responses/{id}", Who.COORDINATOR),
			Map.entry("DELETE /api/v1/admin/canned-responses/{id}", Who.COORDINATOR),
			Map.entry("GET /api/v1/admin/opening-hours", Who.COORDINATOR),
			Map.entry("PUT /api/v1/admin/opening-hours", Who.COORDINATOR),
			Map.entry("GET /api/v1/admin/campaigns", Who.COORDINATOR),
			Map.entry("POST /api/v1/admin/campaigns", Who.COORDINATOR),
			Map.entry("POST /api/v1/admin/campaigns/{code}/retire", Who.COORDINATOR),
			Map.entry("GET /api/v1/monitor/live", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/registrations", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/registrations/export.csv", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/registrations/crosstab", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/registrations/crosstab/export.csv", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/feedback/by-answer", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/feedback/by-answer/export.csv", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/staffing", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/staffing/export.csv", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/demand", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/demand/export.csv", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/feedback", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/feedback/export.csv", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/campaigns", Who.COORDINATOR),
			Map.entry("GET /api/v1/stats/campaigns/export.csv", Who.COORDINATOR)));

	private final AppInstance a = AppInstance.shared("A");

	@Test
	void theTableNamesEveryMappedEndpoint() {
		Set<String> mapped = new TreeSet<>();
		this.a.bean(DispatcherHandler.class)
			.getHandlerMappings()
			.stream()
			.filter(RequestMappingHandlerMapping.class::isInstance)
			.flatMap((mapping) -> ((RequestMappingHandlerMapping) mapping).getHandlerMethods().keySet().stream())
			.forEach((info) -> {
				for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
					if (pattern.getPatternString().startsWith("/api/")) {
						info.getMethodsCondition()
							.getMethods()
							.forEach((method) -> mapped.add(method.name() + " " + pattern.getPatternString()));
					}
				}
			});
		assertThat(mapped).containsExactlyInAnyOrderElementsOf(ENDPOINTS.keySet());
	}

	@Test
	void anonymousCallersOfStaffEndpointsGet401() {
		// A matching CSRF cookie and header, so that only the missing sign-in refuses.
		WebTestClient anonymous = Rest.anonymous(this.a)
			.mutate()
			.defaultHeader("Cookie", "XSRF-TOKEN=anonymous-token")
			.defaultHeader("X-XSRF-TOKEN", "anonymous-token")
			.build();
		ENDPOINTS.forEach((endpoint, who) -> {
			if (who != Who.ANYONE) {
				assertRefused(anonymous, endpoint, HttpStatus.UNAUTHORIZED, "unauthenticated");
			}
		});
	}

	@Test
	void staffOfTheOtherRoleGet403() {
		this.a.ensureCounsellor("roles-counsellor", "password-roles-counsellor", 1);
		WebTestClient counsellor = Rest.as(this.a,
				StaffLogin.of(this.a.port(), "roles-counsellor", "password-roles-counsellor"));
		WebTestClient coordinator = Rest.as(this.a, StaffLogin.of(this.a.port(), "admin", "admin-test-password"));
		ENDPOINTS.forEach((endpoint, who) -> {
			if (who == Who.COORDINATOR) {
				assertRefused(counsellor, endpoint, HttpStatus.FORBIDDEN, "forbidden");
			}
			else if (who == Who.COUNSELLOR) {
				assertRefused(coordinator, endpoint, HttpStatus.FORBIDDEN, "forbidden");
			}
		});
	}

	@Test
	void stateChangingStaffCallsWithoutTheCsrfHeaderGet403() {
		StaffLogin admin = StaffLogin.of(this.a.port(), "admin", "admin-test-password");
		WebTestClient withoutHeader = Rest.anonymous(this.a)
			.mutate()
			.defaultHeader("Cookie", admin.cookieHeader())
			.build();
		int checked = 0;
		for (Map.Entry<String, Who> entry : ENDPOINTS.entrySet()) {
			if (entry.getValue() != Who.ANYONE && !entry.getKey().startsWith("GET ")) {
				assertRefused(withoutHeader, entry.getKey(), HttpStatus.FORBIDDEN, "csrf_invalid");
				checked++;
			}
		}
		assertRefused(withoutHeader, "POST /api/v1/auth/logout", HttpStatus.FORBIDDEN, "csrf_invalid");
		assertThat(checked).isGreaterThan(5);
	}

	private static void assertRefused(WebTestClient client, String endpoint, HttpStatus status, String code) {
		String[] parts = endpoint.split(" ", 2);
		String uri = parts[1].replaceAll("\\{[^}]+}", "x");
		byte[] body = client.method(HttpMethod.valueOf(parts[0]))
			.uri(uri)
			.exchange()
			.expectStatus()
			.value((actual) -> assertThat(actual).as(endpoint).isEqualTo(status.value()))
			.expectBody()
			.returnResult()
			.getResponseBodyContent();
		assertThat(new String((body != null) ? body : new byte[0])).as(endpoint).contains("\"" + code + "\"");
	}

}
