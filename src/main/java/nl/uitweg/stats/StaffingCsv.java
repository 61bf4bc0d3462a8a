package nl.uitweg.stats;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import nl.uitweg.stats.disclosure.Disclosed;

/**
 * The staffing report as CSV (RFC 4180): a header row, then one row per hour of the week,
 * each starting with the parameters it was asked with; lines end in CRLF. A suppressed
 * figure is the word {@value #SUPPRESSED}, an absent one is empty.
 */
final class StaffingCsv {

	static final String SUPPRESSED = "suppressed";

	private static final String CRLF = "\r\n";

	private static final List<String> HEADER = List.of("weeks", "target", "answer_within_seconds", "capacity", "k",
			"hour_of_week", "day", "hour", "arrivals_per_hour", "mean_handling_seconds", "agents_needed",
			"counsellors_needed", "service_level", "average_speed_of_answer_seconds", "available");

	private StaffingCsv() {
	}

	static String write(StaffingReport report) {
		StringBuilder csv = new StringBuilder();
		row(csv, HEADER);
		for (StaffingReport.Hour hour : report.hours()) {
			row(csv, List.of(Integer.toString(report.weeks()), number(report.target()),
					Long.toString(report.answerWithinSeconds()), Integer.toString(report.capacity()),
					Integer.toString(report.k()), Integer.toString(hour.hourOfWeek()), hour.day().name(),
					Integer.toString(hour.hour()), figure(hour.arrivalsPerHour()), figure(hour.meanHandlingSeconds()),
					Integer.toString(hour.agentsNeeded()), Integer.toString(hour.counsellorsNeeded()),
					figure(hour.serviceLevel()), figure(hour.averageSpeedOfAnswerSeconds()),
					(hour.available() != null) ? number(hour.available()) : ""));
		}
		return csv.toString();
	}

	private static void row(StringBuilder csv, List<String> fields) {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				csv.append(',');
			}
			csv.append(field(fields.get(i)));
		}
		csv.append(CRLF);
	}

	/**
	 * A field as it goes in a row: quoted, quotes doubled, when it holds , " CR or LF.
	 */
	static String field(String value) {
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	private static String figure(@Nullable Disclosed<Double> figure) {
		if (figure == null) {
			return "";
		}
		return figure.toOptional().map(StaffingCsv::number).orElse(SUPPRESSED);
	}

	/** Plain decimal notation, never an exponent, whatever the locale. */
	private static String number(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

}
