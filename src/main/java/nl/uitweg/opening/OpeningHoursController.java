package nl.uitweg.opening;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Coordinators keep the weekly schedule and its exceptions. */
@RestController
class OpeningHoursController {

	private final Opening opening;

	OpeningHoursController(Opening opening) {
		this.opening = opening;
	}

	record Schedule(boolean alwaysOpen, @Nullable String zone, @Nullable Map<String, List<OpeningHours.Period>> weekly,
			@Nullable Map<String, List<OpeningHours.Period>> exceptions) {
	}

	@GetMapping("/api/v1/admin/opening-hours")
	Schedule get() {
		OpeningHours hours = this.opening.current();
		return new Schedule(hours.alwaysOpen(), hours.zone(), hours.weekly(), hours.exceptions());
	}

	@PutMapping("/api/v1/admin/opening-hours")
	Mono<Schedule> put(@RequestBody Schedule schedule) {
		String zone = (schedule.zone() != null) ? schedule.zone() : "Europe/Amsterdam";
		Map<String, List<OpeningHours.Period>> weekly = (schedule.weekly() != null) ? schedule.weekly() : Map.of();
		Map<String, List<OpeningHours.Period>> exceptions = (schedule.exceptions() != null) ? schedule.exceptions()
				: Map.of();
		try {
			ZoneId.of(zone);
		}
		catch (RuntimeException ex) {
			throw invalid("zone");
		}
		checkEntries(weekly, DayOfWeek::valueOf, "weekly");
		checkEntries(exceptions, LocalDate::parse, "exceptions");
		return this.opening.save(new OpeningHours(OpeningHours.ID, schedule.alwaysOpen(), zone, weekly, exceptions))
			.map((saved) -> new Schedule(saved.alwaysOpen(), saved.zone(), saved.weekly(), saved.exceptions()));
	}

	/**
	 * Each key must parse (a day, a date) and each of its periods must be well formed.
	 */
	private static void checkEntries(Map<String, List<OpeningHours.Period>> entries,
			java.util.function.Consumer<String> parseKey, String field) {
		entries.forEach((key, periods) -> {
			try {
				parseKey.accept(key);
			}
			catch (RuntimeException ex) {
				throw invalid(field);
			}
			check(periods, field);
		});
	}

	/** A day or date named without its list of periods is refused, not read as closed. */
	private static void check(@Nullable List<OpeningHours.Period> periods, String field) {
		if (periods == null) {
			throw invalid(field);
		}
		for (OpeningHours.Period period : periods) {
			if (!wellFormed(period)) {
				throw invalid(field);
			}
		}
	}

	/** Both times parse and it closes after it opens; a missing time does not parse. */
	private static boolean wellFormed(OpeningHours.@Nullable Period period) {
		if (period == null) {
			return false;
		}
		try {
			return period.closes().isAfter(period.opens());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static OpeningHoursInvalid invalid(String field) {
		return new OpeningHoursInvalid(field);
	}

}
