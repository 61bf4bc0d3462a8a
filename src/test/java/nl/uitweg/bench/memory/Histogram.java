package nl.uitweg.bench.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code GC.class_histogram}: live instances and bytes per class, and the total. */
public record Histogram(Map<String, long[]> classes, long totalBytes) {

	private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

	static Histogram parse(String text) {
		Map<String, long[]> classes = new HashMap<>();
		long total = -1;
		for (String line : text.split("\n")) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				classes.put(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) });
				continue;
			}
			Matcher sum = TOTAL.matcher(line);
			if (sum.find()) {
				total = Long.parseLong(sum.group(2));
			}
		}
		if (total < 0) {
			throw new IllegalStateException("No total in the class histogram: " + text);
		}
		return new Histogram(classes, total);
	}

	/** The classes that grew most from {@code before}, per visitor, as table rows. */
	public List<String> topGrowth(Histogram before, int visitors, int rows) {
		List<Map.Entry<String, long[]>> growth = new ArrayList<>();
		this.classes.forEach((name, now) -> {
			long[] was = before.classes().getOrDefault(name, new long[2]);
			growth.add(Map.entry(name, new long[] { now[0] - was[0], now[1] - was[1] }));
		});
		growth.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
		List<String> lines = new ArrayList<>();
		for (Map.Entry<String, long[]> entry : growth.subList(0, Math.min(rows, growth.size()))) {
			lines.add(String.format("| `%s` | %.1f | %,d |", entry.getKey(), (double) entry.getValue()[0] / visitors,
					entry.getValue()[1] / visitors));
		}
		return lines;
	}

}
