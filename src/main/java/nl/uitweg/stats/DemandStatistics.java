package nl.uitweg.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import nl.uitweg.conversation.ConversationRecords;
import nl.uitweg.conversation.ConversationRecords.Dimension;
import nl.uitweg.conversation.ConversationRecords.Tally;
import nl.uitweg.conversation.Periods;
import nl.uitweg.stats.disclosure.CellId;
import nl.uitweg.stats.disclosure.DisclosureControl;
import nl.uitweg.stats.disclosure.PeriodFigures;
import nl.uitweg.stats.disclosure.PublishedFigures;

/**
 * Demand over a date range: contacts, answered, abandoned, waits, lengths and service
 * level by week, month, quarter and hour of the week. All four breakdowns are protected
 * as one set of figures, whichever is asked for: a quarter is the sum of its months, so
 * they must never be suppressed apart.
 */
@Service
class DemandStatistics {

	static final String TOTAL_TABLE = "demand";

	static final List<String> COLUMNS = List.of("contacts", "answered", "abandoned");

	/** The breakdowns of demand, each a dimension of the stored records. */
	enum Unit {

		WEEK(Dimension.WEEK, Periods::week), MONTH(Dimension.MONTH, Periods::month),
		QUARTER(Dimension.QUARTER, Periods::quarter),
		HOUR_OF_WEEK(Dimension.HOUR_OF_WEEK, (p) -> Integer.toString(p.hourOfWeek()));

		private final Dimension dimension;

		private final Function<Periods, String> key;

		Unit(Dimension dimension, Function<Periods, String> key) {
			this.dimension = dimension;
			this.key = key;
		}

		String table() {
			return "demand:" + name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final ConversationRecords records;

	private final StatisticsProperties properties;

	private final MonitorProperties monitor;

	DemandStatistics(ConversationRecords records, StatisticsProperties properties, MonitorProperties monitor) {
		this.records = records;
		this.properties = properties;
		this.monitor = monitor;
	}

	/** One row of a breakdown: its counts and the histograms of its answered. */
	static final class Row {

		final String key;

		long answered;

		long abandoned;

		final Histogram waits = new Histogram();

		final Histogram lengths = new Histogram();

		Row(String key) {
			this.key = key;
		}

		long contacts() {
			return this.answered + this.abandoned;
		}

	}

	/** The figures of a range, every breakdown in order, and the total. */
	record Demand(DateRange range, Map<Unit, List<Row>> rows, Row total, PeriodFigures figures,
			PublishedFigures published, long serviceLevelTargetSeconds) {

		static CellId cell(Unit unit, String row, String column) {
			return new CellId(unit.table(), row, column);
		}

		static CellId total(String column) {
			return new CellId(TOTAL_TABLE, "total", column);
		}

	}

	Mono<Demand> demand(DateRange range) {
		return Flux.fromArray(Unit.values())
			.flatMap((unit) -> Mono.zip(
					Mono.just(unit),
					this.records
						.tally(range.start(), range.end(),
								List.of(unit.dimension, Dimension.ANSWERED, Dimension.WAITED_SECONDS), false, false)
						.collectList(),
					this.records
						.tally(range.start(), range.end(), List.of(unit.dimension, Dimension.ACTIVE_SECONDS), true,
								false)
						.collectList()))
			.collectList()
			.map((results) -> {
				Map<Unit, List<Row>> rows = new java.util.EnumMap<>(Unit.class);
				results.forEach((t) -> rows.put(t.getT1(), rows(range, t.getT1(), t.getT2(), t.getT3())));
				return demand(range, rows);
			});
	}

	private static List<Row> rows(DateRange range, Unit unit, List<Tally> waits, List<Tally> lengths) {
		Map<String, Row> byKey = new java.util.LinkedHashMap<>();
		for (String key : keys(range, unit)) {
			byKey.put(key, new Row(key));
		}
		for (Tally tally : waits) {
			Row row = byKey.computeIfAbsent(String.valueOf(tally.key().get(unit.dimension)), Row::new);
			if (tally.flag(Dimension.ANSWERED)) {
				row.answered += tally.count();
				row.waits.add(tally.number(Dimension.WAITED_SECONDS), tally.count());
			}
			else {
				row.abandoned += tally.count();
			}
		}
		for (Tally tally : lengths) {
			Row row = byKey.computeIfAbsent(String.valueOf(tally.key().get(unit.dimension)), Row::new);
			row.lengths.add(tally.number(Dimension.ACTIVE_SECONDS), tally.count());
		}
		return List.copyOf(byKey.values());
	}

	/** Every period the range touches, in order, also those without contacts. */
	static Set<String> keys(DateRange range, Unit unit) {
		Set<String> keys = new LinkedHashSet<>();
		if (unit == Unit.HOUR_OF_WEEK) {
			for (int hour = 0; hour < Periods.HOURS_PER_WEEK; hour++) {
				keys.add(Integer.toString(hour));
			}
			return keys;
		}
		for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
			keys.add(unit.key.apply(Periods.of(day.atStartOfDay(range.zone()).toInstant(), range.zone())));
		}
		return keys;
	}

	private Demand demand(DateRange range, Map<Unit, List<Row>> rows) {
		Row total = new Row("total");
		for (Row row : rows.get(Unit.WEEK)) {
			total.answered += row.answered;
			total.abandoned += row.abandoned;
			total.waits.addAll(row.waits);
			total.lengths.addAll(row.lengths);
		}
		PeriodFigures.Builder builder = PeriodFigures.builder();
		add(builder, Demand.total("contacts"), Demand.total("answered"), Demand.total("abandoned"), total);
		for (Unit unit : Unit.values()) {
			Map<String, List<CellId>> columns = new HashMap<>();
			for (Row row : rows.get(unit)) {
				CellId contacts = Demand.cell(unit, row.key, "contacts");
				CellId answered = Demand.cell(unit, row.key, "answered");
				CellId abandoned = Demand.cell(unit, row.key, "abandoned");
				add(builder, contacts, answered, abandoned, row);
				columns.computeIfAbsent("contacts", (c) -> new ArrayList<>()).add(contacts);
				columns.computeIfAbsent("answered", (c) -> new ArrayList<>()).add(answered);
				columns.computeIfAbsent("abandoned", (c) -> new ArrayList<>()).add(abandoned);
			}
			columns.forEach((column, cells) -> builder.sum(Demand.total(column), cells));
		}
		PeriodFigures figures = builder.build();
		return new Demand(range, rows, total, figures, new DisclosureControl(this.properties.k()).apply(figures),
				this.monitor.serviceLevelTarget().toSeconds());
	}

	private static void add(PeriodFigures.Builder builder, CellId contacts, CellId answered, CellId abandoned,
			Row row) {
		builder.count(contacts, row.contacts()).count(answered, row.answered).count(abandoned, row.abandoned);
		builder.sum(contacts, answered, abandoned);
	}

}
