package nl.uitweg.platform;

import java.net.HttpCookie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an instance outside the dev and demo profiles gives every browser: security
 * headers on pages, API answers and errors; Secure, SameSite=Strict cookies even over
 * plain http (TLS may end at a proxy); no OpenAPI description or Swagger UI.
 */
class ProductionDefaultsIntegrationTests {

	private static AppInstance app;

	private static WebTestClient client;

	@BeforeAll
	static void start() {
		app = AppInstance.production("production-defaults");
		app.ensureCounsellor("prod-cookies", "password-prod-cookies", 1);
		client = Rest.anonymous(app);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void pagesCarryTheSecurityHeaders() {
		for (String page : List.of("/", "/counsellor", "/coordinator")) {
			assertSecurityHeaders(client.get().uri(page).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk(),
					page);
		}
	}

	@Test
	void apiAnswersCarryTheSecurityHeaders() {
		assertSecurityHeaders(client.get().uri("/api/v1/taxonomy").exchange().expectStatus().isOk(), "taxonomy");
	}

	@Test
	void errorsCarryTheSecurityHeaders() {
		assertSecurityHeaders(client.get().uri("/visitor/missing.js").exchange().expectStatus().isNotFound(), "404");
		assertSecurityHeaders(
				client.get().uri("/api/v1/registrations/pending").exchange().expectStatus().isUnauthorized(), "401");
		assertSecurityHeaders(client.post()
			.uri("/api/v1/visitor/sessions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{broken")
			.exchange()
			.expectStatus()
			.isBadRequest(), "400");
	}

	@Test
	void staffCookiesAreSecureAndSameSiteStrictEvenOverPlainHttp() {
		EntityExchangeResult<byte[]> login = client.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("username", "prod-cookies", "password", "password-prod-cookies"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		List<String> cookies = login.getResponseHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
		assertThat(cookies).anyMatch((cookie) -> cookie.startsWith("SESSION="))
			.anyMatch((cookie) -> cookie.startsWith("XSRF-TOKEN="));
		for (String cookie : cookies) {
			HttpCookie parsed = HttpCookie.parse(cookie).get(0);
			assertThat(parsed.getSecure()).as(cookie).isTrue();
			assertThat(cookie).as(cookie).containsIgnoringCase("SameSite=Strict");
		}
		client.get()
			.uri("/counsellor")
			.exchange()
			.expectCookie()
			.secure("XSRF-TOKEN", true)
			.expectCookie()
			.sameSite("XSRF-TOKEN", "Strict");
	}

	@Test
	void theOpenApiDescriptionAndSwaggerUiAreOff() {
		client.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
		client.get().uri("/swagger-ui.html").exchange().expectStatus().isNotFound();
	}

	private static void assertSecurityHeaders(WebTestClient.ResponseSpec response, String what) {
		HttpHeaders headers = response.expectBody().returnResult().getResponseHeaders();
		Function<String, String> header = (name) -> String.valueOf(headers.getFirst(name));
		String csp = header.apply("Content-Security-Policy");
		assertThat(csp).as(what)
			.contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
					"object-src 'none'",
					"connect-src 'self' ws://127.0.0.1:" + app.port() + " wss://127.0.0.1:" + app.port())
			.doesNotContain("unsafe-inline", "unsafe-eval", "*");
		assertThat(header.apply("Strict-Transport-Security")).as(what)
			.isEqualTo("max-age=" + Duration.ofDays(365).toSeconds() + "; includeSubDomains");
		assertThat(header.apply("Referrer-Policy")).as(what).isEqualTo("no-referrer");
		assertThat(header.apply("X-Frame-Options")).as(what).isEqualTo("DENY");
		assertThat(header.apply("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
	}

}
