package nl.uitweg.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium, driven by the Debian chromedriver. Both paths are set
 * explicitly so that Selenium Manager never tries to download anything; each browser gets
 * a fresh profile that is deleted when it closes.
 */
final class Browser implements AutoCloseable {

	/** Debian's paths; the system properties exist to try the skipping rule. */
	static final Path CHROMIUM = Path.of(System.getProperty("uitweg.browser.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path
		.of(System.getProperty("uitweg.browser.chromedriver", "/usr/bin/chromedriver"));

	/** How long a page may take to show what a test waits for. */
	static final Duration WAIT = Duration.ofSeconds(15);

	private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

	/** The two sizes every page is checked at. */
	enum Size {

		PHONE(360, 640), DESKTOP(1280, 900);

		final int width;

		final int height;

		Size(int width, int height) {
			this.width = width;
			this.height = height;
		}

		/** As in file names: {@code 360x640}. */
		String label() {
			return this.width + "x" + this.height;
		}

	}

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	private Browser(ChromeDriver driver, Path profile, String baseUrl) {
		this.driver = driver;
		this.profile = profile;
		this.baseUrl = baseUrl;
	}

	/**
	 * Skips the calling tests when Chromium or chromedriver is missing, except under
	 * {@code CI=true}, where the browser tests are mandatory and fail instead.
	 */
	static void requireInstalled() {
		if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		String message = "Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
				+ "): apt-get install chromium chromium-driver";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail(message + " (mandatory when CI=true)");
		}
		Assumptions.abort(message + "; skipped because CI is not true");
	}

	static Browser open(int port, Size size) {
		requireInstalled();
		Path profile;
		try {
			profile = Files.createTempDirectory("uitweg-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--user-data-dir=" + profile, "--window-size=" + size.width + "," + size.height);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		try {
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
			Browser browser = new Browser(driver, profile, "http://127.0.0.1:" + port);
			browser.resize(size);
			return browser;
		}
		catch (RuntimeException ex) {
			delete(profile);
			throw ex;
		}
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/** {@code http://127.0.0.1:<port>}, the application's origin. */
	String origin() {
		return this.baseUrl;
	}

	JavascriptExecutor js() {
		return this.driver;
	}

	void get(String path) {
		this.driver.get(this.baseUrl + path);
	}

	/** Sets the viewport (not the window) to the size, as a phone or desktop shows it. */
	void resize(Size size) {
		this.driver.manage().window().setSize(new Dimension(size.width, size.height));
		Object inner = this.js().executeScript("return [window.innerWidth, window.innerHeight]");
		if (inner instanceof List<?> viewport && viewport.size() == 2) {
			int dw = size.width - ((Number) viewport.get(0)).intValue();
			int dh = size.height - ((Number) viewport.get(1)).intValue();
			if (dw != 0 || dh != 0) {
				this.driver.manage().window().setSize(new Dimension(size.width + dw, size.height + dh));
			}
		}
	}

	static By testId(String id) {
		return By.cssSelector("[data-testid='" + id + "']");
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, WAIT);
	}

	/** The visible element with this {@code data-testid}, once it shows. */
	WebElement visible(String testId) {
		return waiting().until(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
	}

	/** The element with this {@code data-testid}, once it can be clicked. */
	WebElement clickable(String testId) {
		return waiting().until(ExpectedConditions.elementToBeClickable(testId(testId)));
	}

	List<WebElement> all(String testId) {
		return this.driver.findElements(testId(testId));
	}

	/** Console messages at level SEVERE (errors, failed loads) since the last call. */
	List<LogEntry> consoleErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.toList();
	}

	void screenshot(Path target) {
		File shot = this.driver.getScreenshotAs(OutputType.FILE);
		try {
			Files.createDirectories(target.toAbsolutePath().getParent());
			Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			shot.delete();
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			delete(this.profile);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A profile left in the temp directory is harmless; the test result is not.
		}
	}

}
