package nl.uitweg.stats;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import nl.uitweg.stats.disclosure.CellId;
import nl.uitweg.stats.disclosure.Disclosed;
import nl.uitweg.stats.disclosure.PublishedFigures;

/**
 * How a published cell looks in JSON: its count, or {@code {"suppressed": true}}, never
 * the true count of a suppressed cell.
 */
final class Shown {

	static final Map<String, Object> SUPPRESSED = Map.of("suppressed", true);

	private Shown() {
	}

	/** What every statistics answer starts with: the range and k. */
	static Map<String, Object> head(DateRange range, int k) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("from", range.from().toString());
		body.put("to", range.to().toString());
		body.put("k", k);
		return body;
	}

	/** A count as a number, or the suppressed marker. */
	static Object count(PublishedFigures published, CellId cell) {
		Disclosed<Long> count = published.count(cell);
		return count.toOptional().<Object>map((n) -> n).orElse(SUPPRESSED);
	}

	/**
	 * {@code {"count": n, "percent": p}} (percent left out when the denominator is 0), or
	 * the suppressed marker.
	 */
	static Object countWithPercent(PublishedFigures published, CellId cell, CellId denominator) {
		Optional<Long> count = published.count(cell).toOptional();
		if (count.isEmpty()) {
			return SUPPRESSED;
		}
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("count", count.get());
		Optional<Disclosed<BigDecimal>> percent = published.percent(cell, denominator);
		percent.flatMap(Disclosed::toOptional).ifPresent((p) -> shown.put("percent", p));
		if (percent.isPresent() && percent.get().isSuppressed()) {
			shown.put("percent", SUPPRESSED);
		}
		return shown;
	}

	/** The text a CSV file shows for a cell. */
	static String csv(PublishedFigures published, CellId cell) {
		return published.count(cell).toOptional().map(String::valueOf).orElse("suppressed");
	}

	static String csvPercent(PublishedFigures published, CellId cell, CellId denominator) {
		Optional<Disclosed<BigDecimal>> percent = published.percent(cell, denominator);
		if (percent.isEmpty()) {
			return "";
		}
		return percent.get().toOptional().map(BigDecimal::toPlainString).orElse("suppressed");
	}

}
