package nl.uitweg.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.core.ParameterizedTypeReference;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.web.Browser.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole shift through the three pages, driven only by the page hooks of the public
 * contract: a visitor on a phone reaches a counsellor, they talk, the visitor reloads and
 * still has the conversation, the counsellor ends and registers it, a coordinator watches
 * the live figures, and the visitor's quick exit leaves nothing behind.
 */
class ShiftBrowserTests {

	private static final String COUNSELLOR = "shift-counsellor";

	private static final String PASSWORD = "password-shift-counsellor";

	private static final String FROM_VISITOR = "Ik moet pakketjes rondbrengen";

	private static final String FROM_COUNSELLOR = "Fijn dat je het vertelt. Ben je nu veilig?";

	private final AppInstance app = AppInstance.shared("A");

	@BeforeEach
	void browserInstalledAndCleanChatState() {
		Browser.requireInstalled();
		TestBackends.get().flushChat();
		this.app.ensureCounsellor(COUNSELLOR, PASSWORD, 2);
	}

	@Test
	void aVisitorReachesACounsellorAndTheShiftRunsToTheQuickExit() {
		try (Browser visitor = Browser.open(this.app.port(), Size.PHONE);
				Browser counsellor = Browser.open(this.app.port(), Size.DESKTOP);
				Browser coordinator = Browser.open(this.app.port(), Size.DESKTOP)) {
			visitor.get("/");
			visitor.clickable("start-chat").click();
			// "Even geduld..." until the first 'queued' frame, then the place in line.
			visitor.waiting()
				.until(ExpectedConditions.textMatches(By.cssSelector("[data-testid='queue-position']"),
						java.util.regex.Pattern.compile("\\d")));

			counsellor.get("/counsellor");
			StaffPages.signIn(counsellor, COUNSELLOR, PASSWORD);
			StaffPages.becomeAvailable(counsellor);
			counsellor.clickable("accept").click();

			send(visitor, FROM_VISITOR);
			// The contract names the visitor page's message elements; on the console the
			// text is enough.
			counsellor.waiting()
				.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), FROM_VISITOR));
			send(counsellor, FROM_COUNSELLOR);
			seesMessages(visitor, FROM_VISITOR, FROM_COUNSELLOR);

			visitor.driver().navigate().refresh();
			seesMessages(visitor, FROM_VISITOR, FROM_COUNSELLOR);

			StaffLogin login = StaffLogin.of(this.app.port(), COUNSELLOR, PASSWORD);
			counsellor.clickable("end-conversation").click();
			String conversationId = await().atMost(Duration.ofSeconds(15))
				.until(() -> pending(login), (ids) -> ids.size() == 1)
				.get(0);
			// Every registration field is optional: the form is sent as it comes.
			counsellor.visible("registration-form");
			counsellor.clickable("registration-submit").click();
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(pending(login)).doesNotContain(conversationId));

			coordinator.get("/coordinator");
			StaffPages.signIn(coordinator, "admin", "admin-test-password");
			coordinator.waiting()
				.until((driver) -> coordinator.visible("live-waiting").getText().matches("(?s).*\\d.*"));
			coordinator.waiting()
				.until((driver) -> coordinator.visible("live-counsellors-available").getText().matches("(?s).*\\d.*"));

			visitor.clickable("quick-exit").click();
			visitor.waiting().until((driver) -> !driver.getCurrentUrl().startsWith(visitor.origin()));
			visitor.driver().navigate().back();
			visitor.waiting()
				.until((driver) -> "complete".equals(visitor.js().executeScript("return document.readyState")));
			assertThat(visitor.driver().findElement(By.tagName("body")).getText()).doesNotContain(FROM_VISITOR)
				.doesNotContain(FROM_COUNSELLOR);
			// Storage is per origin: look at the helpline's, from a page of its own.
			visitor.get("/favicon.ico");
			String left = storage(visitor);
			assertThat(left).doesNotContain(FROM_VISITOR)
				.doesNotContain(FROM_COUNSELLOR)
				.as("a resume token (43 characters of base64url)")
				.doesNotContainPattern("[A-Za-z0-9_-]{43}");
			assertThat(visitor.js().executeScript("return document.cookie")).isEqualTo("");
		}
	}

	private static void send(Browser browser, String text) {
		WebElement input = browser.clickable("message-input");
		input.sendKeys(text);
		browser.clickable("send").click();
	}

	private static void seesMessages(Browser browser, String... texts) {
		browser.waiting().withMessage(() -> "messages shown: " + shown(browser)).until((driver) -> {
			List<String> shown = shown(browser);
			return Stream.of(texts).allMatch((text) -> shown.stream().anyMatch((m) -> m.contains(text)));
		});
	}

	private static List<String> shown(Browser browser) {
		return browser.all("message").stream().map(WebElement::getText).toList();
	}

	/** Both storages of the current origin as one JSON object, for searching. */
	private static String storage(Browser browser) {
		return (String) browser.js()
			.executeScript("return JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage } });");
	}

	private List<String> pending(StaffLogin login) {
		List<Map<String, Object>> pending = login.client(this.app.port())
			.get()
			.uri("/api/v1/registrations/pending")
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.block(Duration.ofSeconds(10));
		return pending.stream().map((entry) -> String.valueOf(entry.get("conversationId"))).toList();
	}

}
