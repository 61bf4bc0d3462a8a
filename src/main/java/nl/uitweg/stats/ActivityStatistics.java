package nl.uitweg.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import nl.uitweg.conversation.ConversationRecords;
import nl.uitweg.conversation.ConversationRecords.Dimension;
import nl.uitweg.registration.RegistrationFigures;
import nl.uitweg.visitor.Campaigns;
import nl.uitweg.stats.disclosure.CellId;
import nl.uitweg.stats.disclosure.DisclosureControl;
import nl.uitweg.stats.disclosure.PeriodFigures;
import nl.uitweg.stats.disclosure.PublishedFigures;

/**
 * The tables published on top of demand and registrations: contacts, answered and
 * registered per campaign code, and the visitors' feedback per period. Each is protected
 * with the demand and registration cells it adds up to as already decided.
 */
@Service
class ActivityStatistics {

	static final String CAMPAIGNS = "campaigns";

	static final List<String> CAMPAIGN_COLUMNS = List.of("contacts", "answered", "registered");

	private final ConversationRecords records;

	private final RegistrationFigures registrations;

	private final DemandStatistics demand;

	private final RegistrationStatistics registrationStatistics;

	private final StatisticsProperties properties;

	private final Campaigns campaigns;

	ActivityStatistics(ConversationRecords records, RegistrationFigures registrations, DemandStatistics demand,
			RegistrationStatistics registrationStatistics, StatisticsProperties properties, Campaigns campaigns) {
		this.campaigns = campaigns;
		this.records = records;
		this.registrations = registrations;
		this.demand = demand;
		this.registrationStatistics = registrationStatistics;
		this.properties = properties;
	}

	/** A table of rows by columns; its cells are {@code (table, row, column)}. */
	record Table(DateRange range, String table, List<String> rows, List<String> columns, PublishedFigures published) {

		CellId cell(String row, String column) {
			return new CellId(this.table, row, column);
		}

		boolean withheld() {
			return !this.published.protectable();
		}

	}

	/** Contacts, answered and registered per campaign code, with the totals. */
	Mono<Table> campaigns(DateRange range) {
		Mono<List<ConversationRecords.Tally>> contacts = this.records
			.tally(range.start(), range.end(), List.of(Dimension.CAMPAIGN, Dimension.ANSWERED), false, false)
			.collectList();
		Mono<List<RegistrationFigures.AnswerCount>> registered = this.registrations
			.byCampaign(range.start(), range.end())
			.collectList();
		return Mono.zip(contacts, registered, this.demand.demand(range), this.registrationStatistics.oneWay(range))
			.map((t) -> campaigns(range, t.getT1(), t.getT2(), t.getT3(), t.getT4()));
	}

	private Table campaigns(DateRange range, List<ConversationRecords.Tally> tallies,
			List<RegistrationFigures.AnswerCount> registered, DemandStatistics.Demand demand,
			RegistrationStatistics.OneWay oneWay) {
		Map<String, long[]> counts = new HashMap<>();
		// Every code ever made counts, also without contacts: a retired one still shows
		// in the periods it was live.
		Set<String> codes = new LinkedHashSet<>(List.of("DIRECT"));
		this.campaigns.all().forEach((campaign) -> codes.add(campaign.code()));
		for (ConversationRecords.Tally tally : tallies) {
			String code = String.valueOf(tally.text(Dimension.CAMPAIGN));
			codes.add(code);
			long[] row = counts.computeIfAbsent(code, (c) -> new long[3]);
			row[0] += tally.count();
			if (tally.flag(Dimension.ANSWERED)) {
				row[1] += tally.count();
			}
		}
		for (RegistrationFigures.AnswerCount count : registered) {
			String code = String.valueOf(count.code());
			codes.add(code);
			counts.computeIfAbsent(code, (c) -> new long[3])[2] += count.count();
		}
		List<String> rows = codes.stream().sorted().toList();
		Table shape = new Table(range, CAMPAIGNS, rows, CAMPAIGN_COLUMNS, demand.published());
		PeriodFigures.Builder builder = PeriodFigures.builder();
		List<List<CellId>> columns = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		for (String code : rows) {
			long[] row = counts.getOrDefault(code, new long[3]);
			for (int column = 0; column < 3; column++) {
				CellId cell = shape.cell(code, CAMPAIGN_COLUMNS.get(column));
				builder.count(cell, row[column]);
				columns.get(column).add(cell);
			}
		}
		// Every contact has one campaign: the columns add up to totals published already.
		settle(builder, demand.figures(), demand.published(), DemandStatistics.Demand.total("contacts"));
		settle(builder, demand.figures(), demand.published(), DemandStatistics.Demand.total("answered"));
		settle(builder, oneWay.figures(), oneWay.published(), RegistrationStatistics.OneWay.total());
		builder.sum(DemandStatistics.Demand.total("contacts"), columns.get(0));
		builder.sum(DemandStatistics.Demand.total("answered"), columns.get(1));
		builder.sum(RegistrationStatistics.OneWay.total(), columns.get(2));
		return new Table(range, CAMPAIGNS, rows, CAMPAIGN_COLUMNS, control().apply(builder.build()));
	}

	/** The visitors' feedback per period (week, month or quarter), with the totals. */
	Mono<Table> feedback(DateRange range, DemandStatistics.Unit unit) {
		if (unit == DemandStatistics.Unit.HOUR_OF_WEEK) {
			throw new StatisticsRequestInvalid("Feedback is by week, month or quarter.", "by");
		}
		return Flux.just(DemandStatistics.Unit.WEEK, DemandStatistics.Unit.MONTH, DemandStatistics.Unit.QUARTER)
			.concatMap((u) -> this.records
				.tally(range.start(), range.end(), List.of(dimension(u), Dimension.FEEDBACK), false, true)
				.collectList()
				.map((tallies) -> Map.entry(u, tallies)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.zipWith(this.demand.demand(range))
			.map((t) -> feedback(range, unit, t.getT1(), t.getT2()));
	}

	private static Dimension dimension(DemandStatistics.Unit unit) {
		return switch (unit) {
			case WEEK -> Dimension.WEEK;
			case MONTH -> Dimension.MONTH;
			case QUARTER -> Dimension.QUARTER;
			case HOUR_OF_WEEK -> Dimension.HOUR_OF_WEEK;
		};
	}

	private Table feedback(DateRange range, DemandStatistics.Unit asked,
			Map<DemandStatistics.Unit, List<ConversationRecords.Tally>> tallies, DemandStatistics.Demand demand) {
		List<String> columns = new ArrayList<>(RegistrationStatistics.FEEDBACK);
		columns.add("total");
		PeriodFigures.Builder builder = PeriodFigures.builder();
		Map<String, Long> grand = new HashMap<>();
		List<String> askedRows = List.of();
		for (Map.Entry<DemandStatistics.Unit, List<ConversationRecords.Tally>> entry : tallies.entrySet()) {
			DemandStatistics.Unit unit = entry.getKey();
			String table = "feedback:" + unit.table();
			List<String> rows = List.copyOf(DemandStatistics.keys(range, unit));
			Map<String, Long> counts = new HashMap<>();
			for (ConversationRecords.Tally tally : entry.getValue()) {
				String row = String.valueOf(tally.key().get(dimension(unit)));
				counts.merge(row + "|" + tally.text(Dimension.FEEDBACK), tally.count(), Long::sum);
			}
			Map<String, List<CellId>> byColumn = new HashMap<>();
			for (String row : rows) {
				List<CellId> parts = new ArrayList<>();
				long rowTotal = 0;
				for (String helped : RegistrationStatistics.FEEDBACK) {
					long n = counts.getOrDefault(row + "|" + helped, 0L);
					CellId cell = new CellId(table, row, helped);
					builder.count(cell, n);
					parts.add(cell);
					byColumn.computeIfAbsent(helped, (c) -> new ArrayList<>()).add(cell);
					rowTotal += n;
				}
				CellId total = new CellId(table, row, "total");
				builder.count(total, rowTotal).sum(total, parts);
				byColumn.computeIfAbsent("total", (c) -> new ArrayList<>()).add(total);
				// Feedback comes from contacts of the same period: all of them, if equal.
				CellId contacts = DemandStatistics.Demand.cell(unit, row, "contacts");
				if (demand.figures().countOf(contacts) == rowTotal) {
					settle(builder, demand.figures(), demand.published(), contacts);
					builder.sum(contacts, total);
				}
			}
			for (String column : columns) {
				CellId total = new CellId("feedback", "total", column);
				long n = byColumn.get(column).stream().mapToLong(builder::countOf).sum();
				builder.count(total, n).sum(total, byColumn.get(column));
				grand.put(column, n);
			}
			if (unit == asked) {
				askedRows = rows;
			}
		}
		List<CellId> totals = RegistrationStatistics.FEEDBACK.stream()
			.map((helped) -> new CellId("feedback", "total", helped))
			.toList();
		builder.sum(new CellId("feedback", "total", "total"), totals);
		List<String> rows = new ArrayList<>(askedRows);
		return new Table(range, "feedback:" + asked.table(), rows, columns, control().apply(builder.build()));
	}

	private static void settle(PeriodFigures.Builder builder, PeriodFigures figures, PublishedFigures published,
			CellId cell) {
		builder.settled(cell, figures.countOf(cell), published.count(cell).isSuppressed());
	}

	private DisclosureControl control() {
		return new DisclosureControl(this.properties.k());
	}

}
