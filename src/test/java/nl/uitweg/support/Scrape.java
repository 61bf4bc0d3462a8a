package nl.uitweg.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One read of {@code /actuator/prometheus} (the text format), parsed into samples: a
 * metric name, its labels and a value.
 */
public record Scrape(String text, List<Sample> samples) {

	private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	public record Sample(String name, Map<String, String> labels, double value) {
	}

	/** Scrapes an instance with the bearer token. */
	public static Scrape of(AppInstance app, String token) {
		String text = WebClient.create("http://127.0.0.1:" + app.port())
			.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		return parse(text);
	}

	public static Scrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			Matcher matcher = LINE.matcher(line.strip());
			if (line.startsWith("#") || !matcher.matches()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(3) != null) {
				Matcher label = LABEL.matcher(matcher.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
		}
		return new Scrape(text, samples);
	}

	/**
	 * The sum of the samples of a metric whose labels include the given ones (pairs of
	 * name and value); NaN if there is none.
	 */
	public double value(String name, String... labels) {
		double sum = Double.NaN;
		for (Sample sample : this.samples) {
			if (sample.name().equals(name) && hasLabels(sample, labels)) {
				sum = Double.isNaN(sum) ? sample.value() : sum + sample.value();
			}
		}
		return sum;
	}

	private static boolean hasLabels(Sample sample, String... labels) {
		for (int i = 0; i + 1 < labels.length; i += 2) {
			if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
				return false;
			}
		}
		return true;
	}

	/** Every metric name in the scrape. */
	public Set<String> names() {
		Set<String> names = new TreeSet<>();
		this.samples.forEach((sample) -> names.add(sample.name()));
		return names;
	}

}
