package nl.uitweg.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages are public and served from the classpath; a visitor's browser gets no cookie
 * from anything the chat page loads. The answers with a page in them need the pages in
 * {@code static/}.
 */
class PageRoutesIntegrationTests {

	private final WebTestClient client = Rest.anonymous(AppInstance.shared("A"));

	@Test
	void theVisitorPageSetsNoCookieAtAll() {
		this.client.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectHeader().doesNotExist("Set-Cookie");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/index.html", "/favicon.ico", "/visitor/chat.js", "/visitor/missing.css", "/api/v1/taxonomy" })
	void nothingTheVisitorPageLoadsSetsACookie(String path) {
		this.client.get().uri(path).exchange().expectHeader().doesNotExist("Set-Cookie");
	}

	@Test
	void theStaffPagesGiveTheCsrfCookieForTheirCalls() {
		this.client.get().uri("/counsellor").exchange().expectCookie().exists("XSRF-TOKEN");
	}

	@Test
	void theVisitorChatIsTheWelcomePage() {
		this.client.get()
			.uri("/")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((body) -> assertThat(body).containsIgnoringCase("<html"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/counsellor", "/counsellor/", "/coordinator", "/coordinator/" })
	void theStaffPagesAnswerWithAndWithoutATrailingSlash(String path) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((body) -> assertThat(body).containsIgnoringCase("<html"));
	}

	@Test
	void aMissingAssetUnderAStaffPageIsNotFoundRatherThanThePage() {
		this.client.get().uri("/counsellor/no-such-file.js").exchange().expectStatus().isNotFound();
	}

	@Test
	void theStaffCallsStillNeedTheSession() {
		this.client.get().uri("/api/v1/registrations/pending").exchange().expectStatus().isUnauthorized();
	}

}
