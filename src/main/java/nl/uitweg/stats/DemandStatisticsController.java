package nl.uitweg.stats;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.stats.DemandStatistics.Demand;
import nl.uitweg.stats.DemandStatistics.Row;
import nl.uitweg.stats.DemandStatistics.Unit;
import nl.uitweg.stats.disclosure.CellId;
import nl.uitweg.stats.disclosure.Disclosed;
import nl.uitweg.stats.disclosure.PublishedFigures;

/**
 * Demand, feedback per period and campaign figures over REST and as CSV. Waits, lengths
 * and the service level are shown for a group only when its count is shown and at least
 * k.
 */
@RestController
class DemandStatisticsController {

	private static final List<String> DEMAND_COLUMNS = List.of("contacts", "answered", "abandoned", "waitP50Seconds",
			"waitP90Seconds", "lengthP50Seconds", "serviceLevel");

	private final DemandStatistics demand;

	private final ActivityStatistics activity;

	private final StatisticsProperties properties;

	private final ZoneId zone;

	DemandStatisticsController(DemandStatistics demand, ActivityStatistics activity, StatisticsProperties properties,
			ConversationProperties conversations) {
		this.demand = demand;
		this.activity = activity;
		this.properties = properties;
		this.zone = conversations.zone();
	}

	@GetMapping("/api/v1/stats/demand")
	Mono<Map<String, Object>> demand(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "week") String by) {
		Unit unit = unit(by);
		return this.demand.demand(DateRange.parse(from, to, this.zone)).map((d) -> {
			Map<String, Object> body = Shown.head(d.range(), this.properties.k());
			body.put("by", by);
			body.put("serviceLevelTargetSeconds", d.serviceLevelTargetSeconds());
			body.put("periods", d.rows().get(unit).stream().map((row) -> demandRow(d, unit, row)).toList());
			body.put("hoursOfWeek",
					d.rows()
						.get(Unit.HOUR_OF_WEEK)
						.stream()
						.map((row) -> demandRow(d, Unit.HOUR_OF_WEEK, row))
						.toList());
			body.put("total", demandRow(d, null, d.total()));
			return body;
		});
	}

	@GetMapping("/api/v1/stats/demand/export.csv")
	Mono<ResponseEntity<String>> demandCsv(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "week") String by) {
		Unit unit = unit(by);
		return this.demand.demand(DateRange.parse(from, to, this.zone)).map((d) -> {
			List<String> columns = new ArrayList<>(List.of("breakdown", "period"));
			columns.addAll(DEMAND_COLUMNS);
			Csv csv = new Csv(d.range(), this.properties.k(), "demand by=" + by, columns);
			for (Unit breakdown : List.of(unit, Unit.HOUR_OF_WEEK)) {
				for (Row row : d.rows().get(breakdown)) {
					csv.row(csvRow(demandRow(d, breakdown, row), breakdown.name().toLowerCase(Locale.ROOT), row.key));
				}
			}
			csv.row(csvRow(demandRow(d, null, d.total()), "total", ""));
			return csv.response();
		});
	}

	private Map<String, Object> demandRow(Demand d, @Nullable Unit unit, Row row) {
		PublishedFigures published = d.published();
		CellId contacts = (unit != null) ? Demand.cell(unit, row.key, "contacts") : Demand.total("contacts");
		CellId answered = (unit != null) ? Demand.cell(unit, row.key, "answered") : Demand.total("answered");
		CellId abandoned = (unit != null) ? Demand.cell(unit, row.key, "abandoned") : Demand.total("abandoned");
		Map<String, Object> shown = new LinkedHashMap<>();
		if (unit == Unit.HOUR_OF_WEEK) {
			int hour = Integer.parseInt(row.key);
			shown.put("hourOfWeek", hour);
			shown.put("day", DayOfWeek.of(hour / 24 + 1).name());
			shown.put("hour", hour % 24);
		}
		else if (unit != null) {
			shown.put("period", row.key);
		}
		shown.put("contacts", Shown.count(published, contacts));
		shown.put("answered", Shown.count(published, answered));
		shown.put("abandoned", Shown.count(published, abandoned));
		derived(shown, "waitP50Seconds", published.derived(answered, () -> row.waits.percentile(0.5)));
		derived(shown, "waitP90Seconds", published.derived(answered, () -> row.waits.percentile(0.9)));
		derived(shown, "lengthP50Seconds",
				published.derived(answered, () -> (row.lengths.total() > 0) ? row.lengths.percentile(0.5) : 0L));
		long target = d.serviceLevelTargetSeconds();
		derived(shown, "serviceLevel",
				published.derived(contacts, () -> round3(row.waits.atMost(target) / (double) row.contacts())));
		return shown;
	}

	private static void derived(Map<String, Object> shown, String name, Optional<? extends Disclosed<?>> value) {
		value.ifPresent((v) -> shown.put(name, v.toOptional().<Object>map((x) -> x).orElse(Shown.SUPPRESSED)));
	}

	private static double round3(double share) {
		return Math.round(share * 1000) / 1000.0;
	}

	private static List<String> csvRow(Map<String, Object> row, String breakdown, String period) {
		List<String> values = new ArrayList<>(List.of(breakdown, period));
		for (String column : DEMAND_COLUMNS) {
			Object value = row.get(column);
			values.add((value == null) ? "" : (value == Shown.SUPPRESSED) ? "suppressed" : value.toString());
		}
		return values;
	}

	@GetMapping("/api/v1/stats/feedback")
	Mono<Map<String, Object>> feedback(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "month") String by) {
		return this.activity.feedback(DateRange.parse(from, to, this.zone), unit(by)).map((table) -> {
			Map<String, Object> body = Shown.head(table.range(), this.properties.k());
			body.put("by", by);
			body.put("periods", table.rows().stream().map((row) -> {
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("period", row);
				table.columns().forEach((c) -> line.put(c, Shown.count(table.published(), table.cell(row, c))));
				return line;
			}).toList());
			Map<String, Object> total = new LinkedHashMap<>();
			table.columns()
				.forEach((c) -> total.put(c, Shown.count(table.published(), new CellId("feedback", "total", c))));
			body.put("total", total);
			return body;
		});
	}

	@GetMapping("/api/v1/stats/feedback/export.csv")
	Mono<ResponseEntity<String>> feedbackCsv(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "month") String by) {
		return this.activity.feedback(DateRange.parse(from, to, this.zone), unit(by)).map((table) -> {
			List<String> columns = new ArrayList<>(List.of("period"));
			columns.addAll(table.columns());
			Csv csv = new Csv(table.range(), this.properties.k(), "feedback by=" + by, columns);
			for (String row : table.rows()) {
				List<String> line = new ArrayList<>(List.of(row));
				table.columns().forEach((c) -> line.add(Shown.csv(table.published(), table.cell(row, c))));
				csv.row(line);
			}
			List<String> total = new ArrayList<>(List.of("total"));
			table.columns().forEach((c) -> total.add(Shown.csv(table.published(), new CellId("feedback", "total", c))));
			csv.row(total);
			return csv.response();
		});
	}

	@GetMapping("/api/v1/stats/campaigns")
	Mono<Map<String, Object>> campaigns(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		return this.activity.campaigns(DateRange.parse(from, to, this.zone)).map((table) -> {
			Map<String, Object> body = Shown.head(table.range(), this.properties.k());
			body.put("withheld", table.withheld());
			body.put("campaigns", table.rows().stream().map((code) -> {
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("code", code);
				table.columns()
					.forEach((c) -> line.put(c,
							table.withheld() ? Shown.SUPPRESSED : Shown.count(table.published(), table.cell(code, c))));
				return line;
			}).toList());
			return body;
		});
	}

	@GetMapping("/api/v1/stats/campaigns/export.csv")
	Mono<ResponseEntity<String>> campaignsCsv(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		return this.activity.campaigns(DateRange.parse(from, to, this.zone)).map((table) -> {
			List<String> columns = new ArrayList<>(List.of("campaign"));
			columns.addAll(table.columns());
			Csv csv = new Csv(table.range(), this.properties.k(), "campaigns", columns);
			for (String code : table.rows()) {
				List<String> line = new ArrayList<>(List.of(code));
				table.columns()
					.forEach((c) -> line
						.add(table.withheld() ? "suppressed" : Shown.csv(table.published(), table.cell(code, c))));
				csv.row(line);
			}
			return csv.response();
		});
	}

	private static Unit unit(String by) {
		return switch (by) {
			case "week" -> Unit.WEEK;
			case "month" -> Unit.MONTH;
			case "quarter" -> Unit.QUARTER;
			default -> throw new StatisticsRequestInvalid("'by' is week, month or quarter.", "by");
		};
	}

}
