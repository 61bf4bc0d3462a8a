package nl.uitweg.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import nl.uitweg.registration.RegistrationFigures;
import nl.uitweg.registration.Registrations;
import nl.uitweg.registration.Taxonomy;
import nl.uitweg.stats.disclosure.CellId;
import nl.uitweg.stats.disclosure.DisclosureControl;
import nl.uitweg.stats.disclosure.PeriodFigures;
import nl.uitweg.stats.disclosure.PublishedFigures;

/**
 * The registration statistics of a date range: every taxonomy field's counts (the one-way
 * tables, protected together), and, published on top of them, cross-tabulations of two
 * fields and feedback by answer, each protected with the one-way cells as already decided
 * so that the tables of one range can never be played against each other.
 */
@Service
class RegistrationStatistics {

	static final String TABLE = "registrations";

	static final List<String> FEEDBACK = List.of("YES", "PARTLY", "NO");

	private final RegistrationFigures figures;

	private final Registrations registrations;

	private final StatisticsProperties properties;

	RegistrationStatistics(RegistrationFigures figures, Registrations registrations, StatisticsProperties properties) {
		this.figures = figures;
		this.registrations = registrations;
		this.properties = properties;
	}

	/** The one-way tables: for each field, who answered it and who gave each code. */
	record OneWay(DateRange range, List<Field> fields, PeriodFigures figures, PublishedFigures published) {

		static CellId total() {
			return new CellId(TABLE, "total", "all");
		}

		static CellId answered(String field) {
			return new CellId(TABLE, field, "answered");
		}

		static CellId code(String field, String code) {
			return new CellId(TABLE, field, code);
		}

	}

	/** A field with every code to show, the taxonomy's first, then any other found. */
	record Field(String name, boolean multi, List<String> codes) {
	}

	Mono<OneWay> oneWay(DateRange range) {
		return Mono
			.zip(this.figures.count(range.start(), range.end()),
					this.figures.answers(range.start(), range.end()).collectList())
			.map((t) -> oneWay(range, t.getT1(), t.getT2()));
	}

	private OneWay oneWay(DateRange range, long total, List<RegistrationFigures.AnswerCount> answers) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (RegistrationFigures.AnswerCount answer : answers) {
			counts.put(key(answer.field(), answer.code()), answer.count());
		}
		List<Field> fields = fields(answers);
		PeriodFigures.Builder builder = PeriodFigures.builder().count(OneWay.total(), total);
		for (Field field : fields) {
			builder.count(OneWay.answered(field.name()), counts.getOrDefault(key(field.name(), null), 0L));
			List<CellId> codes = new ArrayList<>();
			for (String code : field.codes()) {
				CellId cell = OneWay.code(field.name(), code);
				builder.count(cell, counts.getOrDefault(key(field.name(), code), 0L));
				codes.add(cell);
			}
			if (!field.multi() && !codes.isEmpty()) {
				// One code per answer: the codes add up to the number who answered.
				builder.sum(OneWay.answered(field.name()), codes);
			}
		}
		PeriodFigures built = builder.build();
		return new OneWay(range, fields, built, control().apply(built));
	}

	private List<Field> fields(List<RegistrationFigures.AnswerCount> answers) {
		List<Field> fields = new ArrayList<>();
		for (Taxonomy.Field field : this.registrations.taxonomy()) {
			Set<String> codes = new LinkedHashSet<>(field.codes().keySet());
			answers.stream()
				.filter((a) -> a.field().equals(field.name()) && a.code() != null)
				.forEach((a) -> codes.add(a.code()));
			fields.add(new Field(field.name(), field.multi(), List.copyOf(codes)));
		}
		return fields;
	}

	Field field(String name) {
		return this.registrations.taxonomy()
			.stream()
			.filter((f) -> f.name().equals(name))
			.findFirst()
			.map((f) -> new Field(f.name(), f.multi(), List.copyOf(f.codes().keySet())))
			.orElseThrow(() -> new StatisticsRequestInvalid("Unknown field '" + name + "'.", name));
	}

	/** Two fields against each other. */
	Mono<TwoWayTable> crossTab(DateRange range, String rowField, String columnField) {
		Field rows = field(rowField);
		Field columns = field(columnField);
		if (rowField.equals(columnField)) {
			throw new StatisticsRequestInvalid("Pick two different fields.", "rows", "columns");
		}
		String table = "crosstab:" + rowField + ":" + columnField;
		return Mono
			.zip(oneWay(range), this.figures.pairs(range.start(), range.end(), rowField, columnField).collectList())
			.map((t) -> twoWay(t.getT1(), table, rows, columns.codes(), columns.multi(), t.getT2(), columnField));
	}

	/** The visitors' feedback against the codes of one field. */
	Mono<TwoWayTable> feedbackBy(DateRange range, String fieldName) {
		Field rows = field(fieldName);
		String table = "feedback:" + fieldName;
		return Mono.zip(oneWay(range), this.figures.feedbackBy(range.start(), range.end(), fieldName).collectList())
			.map((t) -> twoWay(t.getT1(), table, rows, FEEDBACK, false, t.getT2(), null));
	}

	private TwoWayTable twoWay(OneWay oneWay, String table, Field rows, List<String> columns, boolean multiColumns,
			List<RegistrationFigures.PairCount> pairs, @org.jspecify.annotations.Nullable String columnField) {
		Map<String, Long> counts = new LinkedHashMap<>();
		pairs.forEach((p) -> counts.put(p.row() + "|" + p.column(), p.count()));
		TwoWayTable shape = new TwoWayTable(oneWay.range(), table, rows, columns, oneWay.published());
		PeriodFigures.Builder builder = PeriodFigures.builder();
		List<CellId> rowTotals = new ArrayList<>();
		List<CellId> columnTotals = new ArrayList<>();
		long grand = counts.getOrDefault("null|null", 0L);
		builder.count(shape.total(), grand);
		for (String column : columns) {
			CellId total = shape.columnTotal(column);
			builder.count(total, counts.getOrDefault("null|" + column, 0L));
			columnTotals.add(total);
		}
		for (String row : rows.codes()) {
			List<CellId> cells = new ArrayList<>();
			for (String column : columns) {
				CellId cell = shape.cell(row, column);
				builder.count(cell, counts.getOrDefault(row + "|" + column, 0L));
				cells.add(cell);
			}
			CellId total = shape.rowTotal(row);
			builder.count(total, counts.getOrDefault(row + "|null", 0L));
			rowTotals.add(total);
			if (!multiColumns) {
				builder.sum(total, cells);
			}
		}
		if (!rows.multi()) {
			for (String column : columns) {
				List<CellId> cells = rows.codes().stream().map((row) -> shape.cell(row, column)).toList();
				builder.sum(shape.columnTotal(column), cells);
			}
			builder.sum(shape.total(), rowTotals);
		}
		if (!multiColumns) {
			builder.sum(shape.total(), columnTotals);
		}
		linkToOneWay(builder, oneWay, shape, rows, columns, columnField);
		PublishedFigures published = control().apply(builder.build());
		return new TwoWayTable(oneWay.range(), table, rows, columns, published);
	}

	/**
	 * The margins count a subset of the people a one-way cell counts; where the two
	 * counts are equal they are the same people, so the one-way cell (already published,
	 * or not) is the same figure and goes in as settled.
	 */
	private static void linkToOneWay(PeriodFigures.Builder builder, OneWay oneWay, TwoWayTable shape, Field rows,
			List<String> columns, @org.jspecify.annotations.Nullable String columnField) {
		for (String row : rows.codes()) {
			link(builder, oneWay, OneWay.code(rows.name(), row), shape.rowTotal(row));
		}
		if (columnField != null) {
			for (String column : columns) {
				link(builder, oneWay, OneWay.code(columnField, column), shape.columnTotal(column));
			}
			link(builder, oneWay, OneWay.answered(columnField), shape.total());
		}
		link(builder, oneWay, OneWay.answered(rows.name()), shape.total());
		link(builder, oneWay, OneWay.total(), shape.total());
	}

	private static void link(PeriodFigures.Builder builder, OneWay oneWay, CellId oneWayCell, CellId margin) {
		if (!oneWay.published().cells().contains(oneWayCell)) {
			return;
		}
		long count = oneWay.figures().countOf(oneWayCell);
		builder.settled(oneWayCell, count, oneWay.published().count(oneWayCell).isSuppressed());
		if (count == builder.countOf(margin)) {
			builder.sum(oneWayCell, margin);
		}
	}

	private DisclosureControl control() {
		return new DisclosureControl(this.properties.k());
	}

	private static String key(String field, @org.jspecify.annotations.Nullable String code) {
		return field + "|" + code;
	}

}
