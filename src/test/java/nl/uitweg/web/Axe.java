package nl.uitweg.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs axe-core in the page. The script comes from the classpath (the
 * {@code com.deque.html.axe-core:selenium} jar carries {@code axe.min.js} of its own
 * version), so nothing is fetched at test time.
 */
final class Axe {

	/**
	 * The impacts that fail a page; {@code minor} and {@code moderate} are reported only.
	 */
	static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

	private static final String SOURCE = load();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String RUN = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { resultTypes: ['violations'] })
				.then((results) => done(JSON.stringify(results.violations)))
				.catch((error) => done(JSON.stringify({ error: String(error) })));
			""";

	private Axe() {
	}

	/** One broken rule: its id, impact and the nodes at fault. */
	record Violation(String id, String impact, String help, List<String> nodes) {

		@Override
		public String toString() {
			return this.id + " (" + this.impact + "): " + this.help + "\n    " + String.join("\n    ", this.nodes);
		}

	}

	/** Every violation axe finds in the page as it is now. */
	static List<Violation> run(Browser browser) {
		browser.js().executeScript(SOURCE);
		String answer = (String) browser.js().executeAsyncScript(RUN);
		JsonNode result = JSON.readTree(answer);
		if (result.isObject()) {
			throw new IllegalStateException("axe.run failed: " + result.path("error").asString());
		}
		return result.valueStream().map(Axe::violation).toList();
	}

	/** Only the serious and critical violations: those fail a page. */
	static List<Violation> failing(List<Violation> violations) {
		return violations.stream().filter((v) -> FAILING_IMPACTS.contains(v.impact())).toList();
	}

	static String report(List<Violation> violations) {
		return violations.stream().map(Violation::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
	}

	private static Violation violation(JsonNode node) {
		List<String> nodes = node.path("nodes")
			.valueStream()
			.map((n) -> n.path("target").toString() + " " + n.path("html").asString() + "\n      "
					+ n.path("failureSummary").asString().replace("\n", "\n      "))
			.toList();
		return new Violation(node.path("id").asString(), node.path("impact").asString(), node.path("help").asString(),
				nodes);
	}

	private static String load() {
		try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException(
						"axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
