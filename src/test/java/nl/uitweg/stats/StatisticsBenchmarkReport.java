package nl.uitweg.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The wall times of the statistics calls of one benchmark run, measured over HTTP as a
 * coordinator's browser makes them, and written as JSON and as a Markdown table.
 */
record StatisticsBenchmarkReport(int conversations, long registrations, LocalDate from, LocalDate to,
		double loadSeconds, long recordBytes, long registrationBytes, Map<String, Integer> demandGroups, int warmups,
		int repetitions, List<Call> calls) {

	/**
	 * One call: its status and body size (of the last repetition) and the wall time of
	 * every measured repetition.
	 */
	record Call(String name, String path, int status, long bytes, List<Double> millis, @JsonIgnore String body) {

		double median() {
			List<Double> sorted = this.millis.stream().sorted().toList();
			int middle = sorted.size() / 2;
			return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
		}

		double min() {
			return this.millis.stream().mapToDouble(Double::doubleValue).min().orElse(0);
		}

		double max() {
			return this.millis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		}

	}

	private record Response(int status, String body) {
	}

	/**
	 * Calls the path {@code warmups} times unmeasured, then {@code repetitions} timed.
	 */
	static Call measure(WebClient client, String name, String path, int warmups, int repetitions, Duration timeout) {
		Response last = null;
		for (int i = 0; i < warmups; i++) {
			last = get(client, path, timeout);
		}
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < repetitions; i++) {
			long started = System.nanoTime();
			last = get(client, path, timeout);
			millis.add((System.nanoTime() - started) / 1e6);
		}
		return new Call(name, path, last.status(), last.body().getBytes(StandardCharsets.UTF_8).length,
				List.copyOf(millis), last.body());
	}

	private static Response get(WebClient client, String path, Duration timeout) {
		return client.get()
			.uri(path)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new Response(response.statusCode().value(), body)))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("No response to " + path)))
			.block(timeout);
	}

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("measuredAt", Instant.now().toString());
		json.put("processors", Runtime.getRuntime().availableProcessors());
		json.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
		json.put("javaVersion", System.getProperty("java.version"));
		json.put("run", this);
		json.put("medianMillis", this.calls.stream()
			.collect(LinkedHashMap::new, (m, c) -> m.put(c.name(), round(c.median())), Map::putAll));
		JsonMapper.builder()
			.build()
			.writerWithDefaultPrettyPrinter()
			.writeValue(directory.resolve("statistics.json").toFile(), json);
		Files.writeString(directory.resolve("statistics.md"), markdown());
	}

	String markdown() {
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT,
				"%,d conversations, %,d registrations, %s to %s; loaded in %.1f s; %d warm-up(s), %d measured; "
						+ "%d processors, max heap %d MB%n%n",
				this.conversations, this.registrations, this.from, this.to, this.loadSeconds, this.warmups,
				this.repetitions, Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() / (1024 * 1024)));
		table.append(String.format(Locale.ROOT, "Mean stored size: record %d bytes, registration %d bytes.%n%n",
				this.recordBytes, this.registrationBytes));
		table.append("Groups per demand tally: ");
		table.append(String.join("; ",
				this.demandGroups.entrySet()
					.stream()
					.map((e) -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
					.toList()));
		table.append("\n\n");
		table.append("| Call | Median ms | Min ms | Max ms | Bytes | Status |\n");
		table.append("|---|---:|---:|---:|---:|---:|\n");
		for (Call call : this.calls) {
			table.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %,d | %d |%n", call.name(),
					call.median(), call.min(), call.max(), call.bytes(), call.status()));
		}
		return table.toString();
	}

	private static double round(double millis) {
		return Math.round(millis * 10) / 10.0;
	}

}
