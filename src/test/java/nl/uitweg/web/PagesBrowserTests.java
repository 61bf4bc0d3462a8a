package nl.uitweg.web;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.logging.LogEntry;

import nl.uitweg.support.AppInstance;
import nl.uitweg.web.Browser.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page at a phone's and a desktop's size: it loads without console errors, axe
 * finds nothing serious or critical, and a screenshot of it goes to
 * {@code docs/screenshots/}. The staff pages are checked signed out and signed in.
 */
class PagesBrowserTests {

	static final Path SCREENSHOTS = Path.of("docs", "screenshots");

	/**
	 * A staff page asks whether someone is signed in; the 401 answer is how it learns
	 * that nobody is, and Chromium logs every 401 as a failed load.
	 */
	private static final Predicate<LogEntry> EXPECTED = (entry) -> entry.getMessage().contains("/api/v1/auth/me")
			&& entry.getMessage().contains("401");

	/** Per test, so that a skip is reported (with its reason) for each. */
	@BeforeEach
	void browserInstalled() {
		Browser.requireInstalled();
	}

	static Stream<Arguments> pages() {
		return Stream.of(Size.values())
			.flatMap((size) -> Stream.of(Arguments.of("visitor", "/", "start-chat", size),
					Arguments.of("counsellor", "/counsellor", "login-username", size),
					Arguments.of("coordinator", "/coordinator", "login-username", size)));
	}

	@ParameterizedTest(name = "{0} at {3}")
	@MethodSource("pages")
	void loadsCleanlyAndPassesAxe(String name, String path, String firstHook, Size size) {
		try (Browser browser = Browser.open(app().port(), size)) {
			browser.get(path);
			browser.visible(firstHook);
			check(browser, name, size);
		}
	}

	static Stream<Arguments> signedIn() {
		return Stream.of(Size.values())
			.flatMap((size) -> Stream.of(Arguments.of("counsellor", "/counsellor", "availability", size),
					Arguments.of("coordinator", "/coordinator", "live-waiting", size)));
	}

	@ParameterizedTest(name = "{0} signed in at {3}")
	@MethodSource("signedIn")
	void signedInStaffPagesLoadCleanlyAndPassAxe(String name, String path, String firstHook, Size size) {
		String username = name.equals("coordinator") ? "admin" : "pages-counsellor";
		String password = name.equals("coordinator") ? "admin-test-password" : "password-pages-counsellor";
		if (name.equals("counsellor")) {
			app().ensureCounsellor(username, password, 2);
		}
		try (Browser browser = Browser.open(app().port(), size)) {
			browser.get(path);
			StaffPages.signIn(browser, username, password);
			browser.visible(firstHook);
			check(browser, name + "-signed-in", size);
		}
	}

	/** Started only once the browser is known to be there. */
	private static AppInstance app() {
		return AppInstance.shared("A");
	}

	private static void check(Browser browser, String name, Size size) {
		browser.screenshot(SCREENSHOTS.resolve(name + "-" + size.label() + ".png"));
		List<Axe.Violation> violations = Axe.run(browser);
		List<Axe.Violation> failing = Axe.failing(violations);
		if (!violations.isEmpty()) {
			System.out.println("axe on " + name + " at " + size.label() + ":" + Axe.report(violations));
		}
		assertThat(failing)
			.as("serious or critical axe violations on %s at %s:%s", name, size.label(), Axe.report(failing))
			.isEmpty();
		List<String> errors = browser.consoleErrors()
			.stream()
			.filter(EXPECTED.negate())
			.map(LogEntry::getMessage)
			.toList();
		assertThat(errors).as("console errors on %s at %s", name, size.label()).isEmpty();
	}

}
