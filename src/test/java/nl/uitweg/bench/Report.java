package nl.uitweg.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the raw results (report.json) and a Markdown summary (report.md) with the
 * targets of issue 11 beside the measured figures. Written after every scenario, so an
 * interrupted run still leaves what it measured.
 */
final class Report {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private Report() {
	}

	static void write(Map<String, Object> report, Path directory) {
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve("report.json"), JSON.writeValueAsString(report));
			Files.writeString(directory.resolve("report.md"), markdown(report));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static String markdown(Map<String, Object> report) {
		StringBuilder md = new StringBuilder("# Uitweg benchmark (" + report.get("mode") + " run)\n\n");
		md.append("Started ")
			.append(report.get("startedAt"))
			.append(", machine ")
			.append(report.get("machine"))
			.append(". Systems: ")
			.append(report.get("systems"))
			.append(".\n\n");
		((List<String>) report.get("notes")).forEach((note) -> md.append("- ").append(note).append('\n'));
		Map<String, Object> scenarios = (Map<String, Object>) report.getOrDefault("scenarios", Map.of());
		md.append("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n");
		Targets.rows(scenarios).forEach((row) -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
		md.append(
				"\n## Waiting\n\n| visitors | start→queued p50 / p99 ms | heap per visitor | RSS per visitor |\n|---|---|---|---|\n");
		for (Object item : (List<Object>) scenarios.getOrDefault("waiting", List.of())) {
			Map<String, Object> w = (Map<String, Object>) item;
			Map<String, Object> q = (Map<String, Object>) w.get("startToQueued");
			md.append("| ")
				.append(w.get("visitors"))
				.append(" | ")
				.append(q.get("p50Ms"))
				.append(" / ")
				.append(q.get("p99Ms"))
				.append(" | ")
				.append(bytes(w.get("heapPerVisitorBytes")))
				.append(" | ")
				.append(bytes(w.get("rssPerVisitorBytes")))
				.append(" |\n");
		}
		md.append("\n## Surge\n\n").append(scenarios.get("surge")).append("\n");
		md.append("\n## Chat (medians over the rounds, fixed rate)\n\n");
		for (Object item : (List<Object>) scenarios.getOrDefault("chat", List.of())) {
			Map<String, Object> chat = (Map<String, Object>) item;
			Map<String, Object> medians = (Map<String, Object>) chat.get("medians");
			md.append("### ")
				.append(chat.get("conversations"))
				.append(" conversations at ")
				.append(chat.get("fixedRate"))
				.append(" msg/s\n\n")
				.append("| system | p50 ms | p99 ms | p99.9 ms | delivered msg/s | CPU µs/msg | bytes allocated/msg | max msg/s with p99 ≤ 100 ms |\n|---|---|---|---|---|---|---|---|\n");
			for (String system : (List<String>) report.get("systems")) {
				Map<String, Object> m = (Map<String, Object>) medians.get(system);
				md.append("| ").append(system);
				for (String key : List.of("p50Ms", "p99Ms", "p999Ms", "deliveredPerSecond", "cpuMicrosPerMessage",
						"allocatedBytesPerMessage", "maxRateWithinP99")) {
					md.append(" | ").append(m.get(key));
				}
				md.append(" |\n");
			}
			md.append("\nRatios (medians over rounds): CPU per message vs raw relay ")
				.append(medians.get("cpuPerMessageVsRawRelay"))
				.append(", vs pub/sub relay ")
				.append(medians.get("cpuPerMessageVsPubSubRelay"))
				.append(", vs peer ")
				.append(medians.get("cpuPerMessageVsPeer"))
				.append("; at the highest ramp rate both carried: vs raw relay ")
				.append(medians.get("cpuPerMessageVsRawRelayAtCommonRampRate"))
				.append(", vs peer ")
				.append(medians.get("cpuPerMessageVsPeerAtCommonRampRate"))
				.append("; throughput at p99 ≤ 100 ms vs peer ")
				.append(medians.get("throughputVsPeer"))
				.append(", vs raw relay ")
				.append(medians.get("throughputVsRawRelay"))
				.append(".\n\n");
		}
		md.append("## Reconnect storm\n\n").append(scenarios.get("reconnect")).append("\n");
		return md.toString();
	}

	static String bytes(Object value) {
		if (!(value instanceof Number)) {
			return "n/a";
		}
		return String.format(java.util.Locale.ROOT, "%.1f KB", ((Number) value).doubleValue() / 1024);
	}

}
