package nl.uitweg.conversation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/**
 * The periods a conversation counts in, in the helpline's time zone, stored with its
 * record so statistics group on plain fields (the MongoDB stand-in has no date operators,
 * and an index serves a plain field best).
 *
 * @param week ISO week, e.g. {@code 2026-W48}
 * @param month e.g. {@code 2026-11}
 * @param quarter e.g. {@code 2026-Q4}
 * @param hourOfWeek 0 for Monday 00:00-01:00 up to 167 for Sunday 23:00-24:00
 */
public record Periods(String week, String month, String quarter, int hourOfWeek) {

	public static final int HOURS_PER_WEEK = 168;

	public static Periods of(Instant instant, ZoneId zone) {
		ZonedDateTime local = instant.atZone(zone);
		String week = String.format("%d-W%02d", local.get(IsoFields.WEEK_BASED_YEAR),
				local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
		String month = String.format("%d-%02d", local.getYear(), local.getMonthValue());
		String quarter = String.format("%d-Q%d", local.getYear(), local.get(IsoFields.QUARTER_OF_YEAR));
		int hourOfWeek = (local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + local.getHour();
		return new Periods(week, month, quarter, hourOfWeek);
	}

}
