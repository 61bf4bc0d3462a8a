package nl.uitweg.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.conversation.ConversationRecords;
import nl.uitweg.conversation.ConversationRecords.Dimension;
import nl.uitweg.conversation.ConversationRecords.Tally;
import nl.uitweg.stats.disclosure.CellId;
import nl.uitweg.stats.disclosure.Disclosed;
import nl.uitweg.stats.disclosure.DisclosureControl;
import nl.uitweg.stats.disclosure.PeriodFigures;
import nl.uitweg.stats.disclosure.PublishedFigures;

/**
 * The coordinators' staffing advice: for every hour of the week, the demand of the last
 * full weeks (arrivals per hour, mean handling time), the counsellors Erlang C says are
 * needed to reach the service level target, and the counsellors who were available.
 * Demand comes from the conversation records as counts grouped in MongoDB, never the
 * records themselves, and passes disclosure control; see docs/statistics.md.
 */
@Service
class Staffing {

	static final int MAX_WEEKS = 52;

	/**
	 * The model takes an hour as steady throughout; a target wait longer than that hour
	 * means nothing in it.
	 */
	static final Duration MAX_ANSWER_WITHIN = Duration.ofHours(1);

	private static final int HOURS = StaffingAdvice.HOURS_PER_WEEK;

	private static final String CONTACTS = "staffing-contacts";

	private static final String ANSWERED = "staffing-answered";

	private final ConversationRecords records;

	private final StaffingSamples samples;

	private final StatisticsProperties properties;

	private final ZoneId zone;

	private final Clock clock;

	Staffing(ConversationRecords records, StaffingSamples samples, StatisticsProperties properties,
			ConversationProperties conversations, Clock clock) {
		this.records = records;
		this.samples = samples;
		this.properties = properties;
		this.zone = conversations.zone();
		this.clock = clock;
	}

	/**
	 * The advice from the last {@code weeks} full weeks: the hours from the start of the
	 * current hour (in the helpline's zone) back to the same hour {@code weeks} weeks
	 * earlier, so every hour of the week counts {@code weeks} times.
	 * @param targetShare share of chats to answer within {@code answerWithin}, between 0
	 * and 1 (both excluded)
	 * @param chatsPerCounsellor chats a counsellor holds at once
	 * @return the report, or a {@link StatisticsRequestInvalid} naming the parameters out
	 * of range
	 */
	Mono<StaffingReport> advise(int weeks, double targetShare, Duration answerWithin, int chatsPerCounsellor) {
		List<String> invalid = new ArrayList<>();
		if (weeks < 1 || weeks > MAX_WEEKS) {
			invalid.add("weeks");
		}
		if (!(targetShare > 0.0 && targetShare < 1.0)) {
			invalid.add("target");
		}
		if (answerWithin.isNegative() || answerWithin.compareTo(MAX_ANSWER_WITHIN) > 0) {
			invalid.add("answerWithinSeconds");
		}
		if (chatsPerCounsellor < 1) {
			invalid.add("capacity");
		}
		if (!invalid.isEmpty()) {
			return Mono.error(new StatisticsRequestInvalid(
					"weeks is 1 to 52, target between 0 and 1 (both excluded), answerWithinSeconds 0 to 3600, capacity 1 or more.",
					invalid));
		}
		ZonedDateTime end = this.clock.instant().atZone(this.zone).truncatedTo(ChronoUnit.HOURS);
		Instant to = end.toInstant();
		Instant from = end.minusWeeks(weeks).toInstant();
		Mono<Demand> contacts = this.records.tally(from, to, List.of(Dimension.HOUR_OF_WEEK), false, false)
			.collect(Demand::new, Demand::add);
		Mono<Demand> answered = this.records
			.tally(from, to, List.of(Dimension.HOUR_OF_WEEK, Dimension.ACTIVE_SECONDS), true, false)
			.collect(Demand::new, Demand::add);
		Mono<Map<Integer, StaffingSamples.Totals>> sampled = this.samples.byHourOfWeek(from, to)
			.collectMap(StaffingSamples.Totals::hourOfWeek);
		ErlangC erlangC = new ErlangC(targetShare, answerWithin, chatsPerCounsellor);
		return Mono.zip(contacts, answered, sampled).map((t) -> {
			List<StaffingReport.Hour> hours = hours(weeks, erlangC, t.getT1(), t.getT2(), t.getT3());
			return new StaffingReport(weeks, targetShare, answerWithin.toSeconds(), chatsPerCounsellor,
					this.properties.k(), this.zone, from, to, hours);
		});
	}

	private List<StaffingReport.Hour> hours(int weeks, ErlangC erlangC, Demand contacts, Demand answered,
			Map<Integer, StaffingSamples.Totals> sampled) {
		PeriodFigures.Builder figures = PeriodFigures.builder();
		for (int h = 0; h < HOURS; h++) {
			figures.count(contactsCell(h), contacts.count[h]).count(answeredCell(h), answered.count[h]);
		}
		PublishedFigures published = new DisclosureControl(this.properties.k()).apply(figures.build());
		long answeredInAll = answered.total();
		// An hour with contacts but none answered has no handling time of its own: its
		// advice uses the mean over all hours, publishable when that is of k or more.
		double meanInAll = (answeredInAll > 0) ? (double) answered.activeSeconds() / answeredInAll : 0.0;
		boolean meanInAllShown = answeredInAll == 0 || answeredInAll >= this.properties.k();
		List<StaffingReport.Hour> hours = new ArrayList<>(HOURS);
		for (int h = 0; h < HOURS; h++) {
			long n = answered.count[h];
			double handling = (n > 0) ? (double) answered.activeSeconds[h] / n : meanInAll;
			StaffingAdvice advice = erlangC.advise(h, (double) contacts.count[h] / weeks, handling);
			boolean demandShown = !published.count(contactsCell(h)).isSuppressed();
			@Nullable Disclosed<Double> handlingFigure = demandShown
					? published.derived(answeredCell(h), () -> round(handling, 1)).orElse(null)
					: Disclosed.suppressed();
			boolean handlingUsedShown = (n > 0) ? (handlingFigure != null && !handlingFigure.isSuppressed())
					: meanInAllShown;
			// Service level and mean wait, with the arrivals and the agents, give the
			// handling time back: shown only when what went in may be shown.
			boolean inputsShown = demandShown && (contacts.count[h] == 0 || handlingUsedShown);
			hours.add(new StaffingReport.Hour(h, DayOfWeek.of(h / 24 + 1), h % 24,
					demandShown ? Disclosed.shown(round(advice.arrivalsPerHour(), 3)) : Disclosed.suppressed(),
					handlingFigure, advice.agentsNeeded(), advice.counsellorsNeeded(),
					inputsShown ? Disclosed.shown(round(advice.serviceLevel(), 3)) : Disclosed.suppressed(),
					inputsShown ? finite(advice.averageSpeedOfAnswerSeconds()) : Disclosed.suppressed(),
					available(sampled.get(h))));
		}
		return hours;
	}

	private static CellId contactsCell(int hourOfWeek) {
		return new CellId(CONTACTS, Integer.toString(hourOfWeek), "contacts");
	}

	private static CellId answeredCell(int hourOfWeek) {
		return new CellId(ANSWERED, Integer.toString(hourOfWeek), "answered");
	}

	private static @Nullable Disclosed<Double> finite(double seconds) {
		// Only beyond the cap of agents, where every chat waits without end.
		return Double.isFinite(seconds) ? Disclosed.shown(round(seconds, 1)) : null;
	}

	private static @Nullable Double available(StaffingSamples.@Nullable Totals totals) {
		return (totals != null) ? round(totals.meanAvailable(), 2) : null;
	}

	private static double round(double value, int decimals) {
		return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
	}

	/**
	 * Conversations per hour of the week and their active seconds added up, from counts
	 * grouped by hour of the week (and active seconds, when asked).
	 */
	private static final class Demand {

		private final long[] count = new long[HOURS];

		private final long[] activeSeconds = new long[HOURS];

		void add(Tally tally) {
			// A record stored before it carried its periods has no hour of the week.
			if (!(tally.key().get(Dimension.HOUR_OF_WEEK) instanceof Number number)) {
				return;
			}
			int h = number.intValue();
			if (h < 0 || h >= HOURS) {
				return;
			}
			this.count[h] += tally.count();
			this.activeSeconds[h] += tally.number(Dimension.ACTIVE_SECONDS) * tally.count();
		}

		long total() {
			long total = 0;
			for (long n : this.count) {
				total += n;
			}
			return total;
		}

		long activeSeconds() {
			long total = 0;
			for (long seconds : this.activeSeconds) {
				total += seconds;
			}
			return total;
		}

	}

}
