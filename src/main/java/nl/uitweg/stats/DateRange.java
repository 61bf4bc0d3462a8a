package nl.uitweg.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * The days a statistics query covers, both included, in the helpline's time zone: the
 * same days for every table of one query, so they are one set of figures.
 */
record DateRange(LocalDate from, LocalDate to, ZoneId zone) {

	/** Long enough for any report, short enough that a query stays bounded. */
	static final long MAX_DAYS = 5 * 366;

	static DateRange parse(@Nullable String from, @Nullable String to, ZoneId zone) {
		LocalDate start = date(from, "from");
		LocalDate end = date(to, "to");
		if (end.isBefore(start)) {
			throw new StatisticsRequestInvalid("'to' is before 'from'.", "from", "to");
		}
		if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
			throw new StatisticsRequestInvalid("A range covers at most " + MAX_DAYS + " days.", "from", "to");
		}
		return new DateRange(start, end, zone);
	}

	private static LocalDate date(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw new StatisticsRequestInvalid("'" + field + "' is required (YYYY-MM-DD).", field);
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new StatisticsRequestInvalid("'" + field + "' must be a date (YYYY-MM-DD).", field);
		}
	}

	/** The first instant of the first day. */
	Instant start() {
		return this.from.atStartOfDay(this.zone).toInstant();
	}

	/** The first instant after the last day. */
	Instant end() {
		return this.to.plusDays(1).atStartOfDay(this.zone).toInstant();
	}

}
