package nl.uitweg.opening;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpeningHoursUnitTests {

	private final OpeningHours weekdays = new OpeningHours(OpeningHours.ID, false, "Europe/Amsterdam",
			Map.of("MONDAY",
					List.of(new OpeningHours.Period("09:00", "12:00"), new OpeningHours.Period("19:00", "23:00")),
					"TUESDAY", List.of(new OpeningHours.Period("09:00", "17:00"))),
			Map.of("2026-12-01", List.of()));

	@Test
	void isOpenWithinAPeriodInTheHelplinesTimeZone() {
		// Monday 30 November 2026, 09:30 in Amsterdam is 08:30 UTC.
		assertThat(this.weekdays.isOpen(Instant.parse("2026-11-30T08:30:00Z"))).isTrue();
		assertThat(this.weekdays.isOpen(Instant.parse("2026-11-30T11:00:00Z"))).isFalse();
		assertThat(this.weekdays.isOpen(Instant.parse("2026-11-30T18:00:00Z"))).isTrue();
	}

	@Test
	void nextOpeningSkipsAnExceptionThatClosesADay() {
		// Monday 23:30 Amsterdam: Tuesday 1 December is closed by exception, so next
		// Monday.
		assertThat(this.weekdays.nextOpening(Instant.parse("2026-11-30T22:30:00Z")))
			.contains(Instant.parse("2026-12-07T08:00:00Z"));
		assertThat(this.weekdays.nextOpening(Instant.parse("2026-11-30T11:00:00Z")))
			.contains(Instant.parse("2026-11-30T18:00:00Z"));
	}

	@Test
	void alwaysOpenIsOpen() {
		assertThat(OpeningHours.alwaysOpenSchedule().isOpen(Instant.parse("2026-12-25T03:00:00Z"))).isTrue();
	}

}
