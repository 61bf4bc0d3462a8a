package nl.uitweg.opening;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The weekly schedule and its exceptions (holidays, extra evenings), in the helpline's
 * time zone. Always open when {@code alwaysOpen} is set. An exception replaces the whole
 * day: no periods means closed that day.
 *
 * @param id fixed document id
 * @param alwaysOpen open around the clock, whatever the schedule says
 * @param zone the time zone the times are in
 * @param weekly opening periods per day of the week ({@code MONDAY} …)
 * @param exceptions opening periods for particular dates ({@code 2026-12-25}), replacing
 * the weekly ones
 */
@Document("settings")
public record OpeningHours(@Id String id, boolean alwaysOpen, String zone, Map<String, List<Period>> weekly,
		Map<String, List<Period>> exceptions) {

	static final String ID = "opening-hours";

	/** Open from {@code from} until {@code to}, as {@code HH:mm}, within one day. */
	public record Period(String from, String to) {

		LocalTime opens() {
			return LocalTime.parse(this.from);
		}

		LocalTime closes() {
			return LocalTime.parse(this.to);
		}

	}

	public static OpeningHours alwaysOpenSchedule() {
		return new OpeningHours(ID, true, "Europe/Amsterdam", Map.of(), Map.of());
	}

	public boolean isOpen(Instant instant) {
		if (this.alwaysOpen) {
			return true;
		}
		ZonedDateTime local = instant.atZone(ZoneId.of(this.zone));
		return periods(local.toLocalDate()).stream()
			.anyMatch((p) -> !local.toLocalTime().isBefore(p.opens()) && local.toLocalTime().isBefore(p.closes()));
	}

	/** The next moment the helpline opens after {@code instant}, within four weeks. */
	public Optional<Instant> nextOpening(Instant instant) {
		if (this.alwaysOpen) {
			return Optional.of(instant);
		}
		ZoneId zoneId = ZoneId.of(this.zone);
		ZonedDateTime local = instant.atZone(zoneId);
		for (int day = 0; day < 28; day++) {
			LocalDate date = local.toLocalDate().plusDays(day);
			for (Period period : periods(date).stream().sorted((a, b) -> a.opens().compareTo(b.opens())).toList()) {
				ZonedDateTime opens = date.atTime(period.opens()).atZone(zoneId);
				if (opens.isAfter(local)) {
					return Optional.of(opens.toInstant());
				}
			}
		}
		return Optional.empty();
	}

	private List<Period> periods(LocalDate date) {
		List<Period> exception = this.exceptions.get(date.toString());
		return (exception != null) ? exception : this.weekly.getOrDefault(date.getDayOfWeek().name(), List.of());
	}

}
