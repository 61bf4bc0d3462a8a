package nl.uitweg.stats;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.stats.RegistrationStatistics.OneWay;
import nl.uitweg.stats.disclosure.CellId;

/**
 * The registration statistics over REST and as CSV: one-way tables of every field,
 * cross-tabulations and feedback by answer. Every count passed disclosure control.
 */
@RestController
class RegistrationStatisticsController {

	private final RegistrationStatistics statistics;

	private final StatisticsProperties properties;

	private final ZoneId zone;

	RegistrationStatisticsController(RegistrationStatistics statistics, StatisticsProperties properties,
			ConversationProperties conversations) {
		this.statistics = statistics;
		this.properties = properties;
		this.zone = conversations.zone();
	}

	@GetMapping("/api/v1/stats/registrations")
	Mono<Map<String, Object>> registrations(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		return this.statistics.oneWay(DateRange.parse(from, to, this.zone)).map(this::oneWay);
	}

	@GetMapping("/api/v1/stats/registrations/export.csv")
	Mono<ResponseEntity<String>> registrationsCsv(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		return this.statistics.oneWay(DateRange.parse(from, to, this.zone)).map((table) -> {
			var published = table.published();
			Csv csv = new Csv(table.range(), this.properties.k(), "registrations",
					List.of("field", "code", "count", "percent"));
			csv.row(List.of("total", "", Shown.csv(published, OneWay.total()), ""));
			for (RegistrationStatistics.Field field : table.fields()) {
				CellId answered = OneWay.answered(field.name());
				csv.row(List.of(field.name(), "answered", Shown.csv(published, answered),
						Shown.csvPercent(published, answered, OneWay.total())));
				for (String code : field.codes()) {
					CellId cell = OneWay.code(field.name(), code);
					csv.row(List.of(field.name(), code, Shown.csv(published, cell),
							Shown.csvPercent(published, cell, answered)));
				}
			}
			return csv.response();
		});
	}

	private Map<String, Object> oneWay(OneWay table) {
		var published = table.published();
		Map<String, Object> fields = new LinkedHashMap<>();
		for (RegistrationStatistics.Field field : table.fields()) {
			CellId answered = OneWay.answered(field.name());
			Map<String, Object> values = new LinkedHashMap<>();
			for (String code : field.codes()) {
				values.put(code, Shown.countWithPercent(published, OneWay.code(field.name(), code), answered));
			}
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("multi", field.multi());
			entry.put("answered", Shown.count(published, answered));
			entry.put("values", values);
			fields.put(field.name(), entry);
		}
		Map<String, Object> body = Shown.head(table.range(), this.properties.k());
		body.put("total", Shown.count(published, OneWay.total()));
		body.put("fields", fields);
		return body;
	}

	@GetMapping("/api/v1/stats/registrations/crosstab")
	Mono<Map<String, Object>> crossTab(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String rows,
			@RequestParam(required = false) @Nullable String columns) {
		return this.statistics
			.crossTab(DateRange.parse(from, to, this.zone), required(rows, "rows"), required(columns, "columns"))
			.map((table) -> twoWay(table, "rows", rows, "columns", columns));
	}

	@GetMapping("/api/v1/stats/registrations/crosstab/export.csv")
	Mono<ResponseEntity<String>> crossTabCsv(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String rows,
			@RequestParam(required = false) @Nullable String columns) {
		return this.statistics
			.crossTab(DateRange.parse(from, to, this.zone), required(rows, "rows"), required(columns, "columns"))
			.map((table) -> twoWayCsv(table, "crosstab rows=" + rows + " columns=" + columns));
	}

	@GetMapping("/api/v1/stats/feedback/by-answer")
	Mono<Map<String, Object>> feedbackByAnswer(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String field) {
		return this.statistics.feedbackBy(DateRange.parse(from, to, this.zone), required(field, "field"))
			.map((table) -> twoWay(table, "field", field, "columns", "feedback"));
	}

	@GetMapping("/api/v1/stats/feedback/by-answer/export.csv")
	Mono<ResponseEntity<String>> feedbackByAnswerCsv(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String field) {
		return this.statistics.feedbackBy(DateRange.parse(from, to, this.zone), required(field, "field"))
			.map((table) -> twoWayCsv(table, "feedback by " + field));
	}

	private Map<String, Object> twoWay(TwoWayTable table, String rowsName, @Nullable String rowsValue,
			String columnsName, @Nullable String columnsValue) {
		var published = table.published();
		Map<String, Object> cells = new LinkedHashMap<>();
		Map<String, Object> rowTotals = new LinkedHashMap<>();
		for (String row : table.rows().codes()) {
			Map<String, Object> line = new LinkedHashMap<>();
			for (String column : table.columns()) {
				line.put(column, shown(table, table.cell(row, column)));
			}
			cells.put(row, line);
			rowTotals.put(row, shown(table, table.rowTotal(row)));
		}
		Map<String, Object> columnTotals = new LinkedHashMap<>();
		table.columns().forEach((column) -> columnTotals.put(column, shown(table, table.columnTotal(column))));
		Map<String, Object> body = Shown.head(table.range(), this.properties.k());
		body.put(rowsName, rowsValue);
		body.put(columnsName, columnsValue);
		body.put("withheld", table.withheld());
		body.put("cells", cells);
		body.put("rowTotals", rowTotals);
		body.put("columnTotals", columnTotals);
		body.put("total", shown(table, table.total()));
		return body;
	}

	private static Object shown(TwoWayTable table, CellId cell) {
		return table.withheld() ? Shown.SUPPRESSED : Shown.count(table.published(), cell);
	}

	private ResponseEntity<String> twoWayCsv(TwoWayTable table, String query) {
		Csv csv = new Csv(table.range(), this.properties.k(), query, List.of("row", "column", "count"));
		List<String> rows = new ArrayList<>(table.rows().codes());
		for (String row : rows) {
			for (String column : table.columns()) {
				csv.row(List.of(row, column, csvShown(table, table.cell(row, column))));
			}
			csv.row(List.of(row, "total", csvShown(table, table.rowTotal(row))));
		}
		for (String column : table.columns()) {
			csv.row(List.of("total", column, csvShown(table, table.columnTotal(column))));
		}
		csv.row(List.of("total", "total", csvShown(table, table.total())));
		return csv.response();
	}

	private static String csvShown(TwoWayTable table, CellId cell) {
		return table.withheld() ? "suppressed" : Shown.csv(table.published(), cell);
	}

	private static String required(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new StatisticsRequestInvalid("'" + name + "' is required.", name);
		}
		return value;
	}

}
