package nl.uitweg.stats.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disclosure control as properties, over random one-way tables, cross-tabulations with
 * margins, and cross-tabulations linked through a shared margin: nothing small is shown,
 * nothing suppressed can be solved for, and what is shown is true.
 */
class DisclosureControlProperties {

	@Property
	void noPublishedCountIsBetweenOneAndKMinusOne(@ForAll("periods") Period period,
			@ForAll @IntRange(min = 2, max = 10) int k) {
		PublishedFigures published = new DisclosureControl(k).apply(period.figures());
		Statistics.label("suppressed cells").collect(published.suppressed().isEmpty() ? "none" : "some");
		Statistics.label("suppressed cells")
			.coverage((coverage) -> coverage.check("some").percentage((percent) -> percent > 50));

		for (CellId cell : period.counts().keySet()) {
			published.count(cell)
				.toOptional()
				.ifPresent((count) -> assertThat(count == 0 || count >= k).as("%s shows %d", cell, count).isTrue());
		}
	}

	@Property
	void noSuppressedCellCanBeRecomputed(@ForAll("periods") Period period, @ForAll @IntRange(min = 2, max = 10) int k) {
		PublishedFigures published = new DisclosureControl(k).apply(period.figures());

		Map<CellId, Long> solved = attack(period.equations(), shown(period, published));

		for (CellId cell : published.suppressed()) {
			assertThat(solved).as("suppressed %s was recomputed", cell).doesNotContainKey(cell);
		}
		solved.forEach((cell, count) -> assertThat(count).as("%s", cell).isEqualTo(period.counts().get(cell)));
	}

	@Property
	void everyPublishedCellIsItsTrueCount(@ForAll("periods") Period period,
			@ForAll @IntRange(min = 2, max = 10) int k) {
		PublishedFigures published = new DisclosureControl(k).apply(period.figures());

		period.counts().forEach((cell, count) -> {
			if (!published.suppressed().contains(cell)) {
				assertThat(published.count(cell)).as("%s", cell).isEqualTo(Disclosed.shown(count));
			}
			if (count == 0) {
				assertThat(published.count(cell)).as("zero %s", cell).isEqualTo(Disclosed.shown(0L));
			}
		});
	}

	@Property
	void theOrderOfTheSumsDoesNotChangeTheOutcome(@ForAll("periods") Period period,
			@ForAll @IntRange(min = 2, max = 10) int k) {
		List<List<CellId>> reversed = new ArrayList<>(period.equations());
		Collections.reverse(reversed);
		Period shuffled = new Period(period.counts(), reversed);

		assertThat(new DisclosureControl(k).apply(shuffled.figures()).suppressed())
			.isEqualTo(new DisclosureControl(k).apply(period.figures()).suppressed());
	}

	/**
	 * The reader: takes any sum with exactly one unknown member, solves it, or any sum
	 * whose hidden parts must all be 1, and goes on until no sum gives anything more
	 * away.
	 */
	private static Map<CellId, Long> attack(List<List<CellId>> equations, Map<CellId, Long> shown) {
		Map<CellId, Long> known = new HashMap<>(shown);
		boolean progress = true;
		while (progress) {
			progress = false;
			for (List<CellId> equation : equations) {
				List<CellId> unknown = equation.stream().filter((cell) -> !known.containsKey(cell)).toList();
				if (pinnedToOne(equation, unknown, known)) {
					// Zeros are shown, so every hidden part is at least 1: a remainder
					// equal to the number of hidden parts makes each of them 1.
					unknown.forEach((cell) -> known.put(cell, 1L));
					progress = true;
					continue;
				}
				if (unknown.size() != 1) {
					continue;
				}
				CellId total = equation.get(0);
				CellId missing = unknown.get(0);
				long parts = equation.subList(1, equation.size())
					.stream()
					.filter((cell) -> !cell.equals(missing))
					.mapToLong(known::get)
					.sum();
				known.put(missing, missing.equals(total) ? parts : known.get(total) - parts);
				progress = true;
			}
		}
		return known;
	}

	private static boolean pinnedToOne(List<CellId> equation, List<CellId> unknown, Map<CellId, Long> known) {
		CellId total = equation.get(0);
		if (unknown.size() < 2 || !known.containsKey(total)) {
			return false;
		}
		long remainder = known.get(total)
				- equation.subList(1, equation.size()).stream().filter(known::containsKey).mapToLong(known::get).sum();
		return remainder == unknown.size();
	}

	private static Map<CellId, Long> shown(Period period, PublishedFigures published) {
		Map<CellId, Long> shown = new HashMap<>();
		for (CellId cell : period.counts().keySet()) {
			published.count(cell).toOptional().ifPresent((count) -> shown.put(cell, count));
		}
		return shown;
	}

	@Provide
	Arbitrary<Period> periods() {
		return Arbitraries.oneOf(oneWayTables(), crossTabulations(), linkedCrossTabulations());
	}

	/** Mostly small counts and zeros, so that suppression has something to do. */
	private static Arbitrary<Long> counts() {
		return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0L)),
				Tuple.of(5, Arbitraries.longs().between(1, 6)), Tuple.of(3, Arbitraries.longs().between(0, 20)));
	}

	private static Arbitrary<Period> oneWayTables() {
		return counts().list().ofMinSize(1).ofMaxSize(6).map((cells) -> {
			Period period = new Period();
			period.table("one-way", new long[][] { cells.stream().mapToLong(Long::longValue).toArray() }, false);
			return period;
		});
	}

	private static Arbitrary<Period> crossTabulations() {
		Arbitrary<Integer> sides = Arbitraries.integers().between(1, 6);
		return Combinators.combine(sides, sides)
			.flatAs((rows, columns) -> counts().list().ofSize(rows * columns).map((cells) -> grid(cells, rows)))
			.map((grid) -> {
				Period period = new Period();
				period.table("two-way", grid, true);
				return period;
			});
	}

	/**
	 * Contacts with three coded fields, tabulated as field a by b and a by c: both tables
	 * have a's counts as their row margin and the number of contacts as their grand
	 * total, as the cross-tabulations of one period do.
	 */
	private static Arbitrary<Period> linkedCrossTabulations() {
		Arbitrary<int[]> contact = Combinators
			.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
					Arbitraries.integers().between(0, 2))
			.as((a, b, c) -> new int[] { a, b, c });
		return contact.list().ofMaxSize(40).map((contacts) -> {
			long[][] ab = new long[3][4];
			long[][] ac = new long[3][3];
			for (int[] each : contacts) {
				ab[each[0]][each[1]]++;
				ac[each[0]][each[2]]++;
			}
			Period period = new Period();
			period.table("a-by-b", ab, true);
			period.table("a-by-c", ac, true);
			for (int a = 0; a < 3; a++) {
				// The row totals of both tables are one published figure, a's count.
				period.same(new CellId("a-by-b", "a" + a, "total"), new CellId("a-by-c", "a" + a, "total"));
			}
			period.same(new CellId("a-by-b", "total", "total"), new CellId("a-by-c", "total", "total"));
			return period;
		});
	}

	private static long[][] grid(List<Long> cells, int rows) {
		int columns = cells.size() / rows;
		long[][] grid = new long[rows][columns];
		for (int i = 0; i < cells.size(); i++) {
			grid[i / columns][i % columns] = cells.get(i);
		}
		return grid;
	}

	/**
	 * The test's own model of a period: true counts, and equations written as
	 * {@code [total, part, part, ...]}.
	 */
	record Period(Map<CellId, Long> counts, List<List<CellId>> equations) {

		Period() {
			this(new LinkedHashMap<>(), new ArrayList<>());
		}

		/**
		 * A table with a total per row; with margins, also a total per column and a grand
		 * total.
		 */
		void table(String table, long[][] grid, boolean margins) {
			int columns = grid[0].length;
			List<CellId> rowTotals = new ArrayList<>();
			for (int r = 0; r < grid.length; r++) {
				List<CellId> equation = new ArrayList<>();
				equation.add(new CellId(table, "a" + r, "total"));
				long total = 0;
				for (int c = 0; c < columns; c++) {
					CellId cell = new CellId(table, "a" + r, "b" + c);
					this.counts.put(cell, grid[r][c]);
					equation.add(cell);
					total += grid[r][c];
				}
				this.counts.put(equation.get(0), total);
				this.equations.add(equation);
				rowTotals.add(equation.get(0));
			}
			if (!margins) {
				return;
			}
			CellId grand = new CellId(table, "total", "total");
			List<CellId> byRows = new ArrayList<>(List.of(grand));
			byRows.addAll(rowTotals);
			this.equations.add(byRows);
			List<CellId> byColumns = new ArrayList<>(List.of(grand));
			long all = 0;
			for (int c = 0; c < columns; c++) {
				List<CellId> equation = new ArrayList<>();
				equation.add(new CellId(table, "total", "b" + c));
				long total = 0;
				for (int r = 0; r < grid.length; r++) {
					equation.add(new CellId(table, "a" + r, "b" + c));
					total += grid[r][c];
				}
				this.counts.put(equation.get(0), total);
				this.equations.add(equation);
				byColumns.add(equation.get(0));
				all += total;
			}
			this.counts.put(grand, all);
			this.equations.add(byColumns);
		}

		/**
		 * Makes two cells one figure, as when two tables share a margin: every equation
		 * naming the second names the first instead.
		 */
		void same(CellId kept, CellId merged) {
			this.counts.remove(merged);
			this.equations
				.replaceAll((equation) -> equation.stream().map((cell) -> cell.equals(merged) ? kept : cell).toList());
		}

		PeriodFigures figures() {
			PeriodFigures.Builder builder = PeriodFigures.builder();
			this.counts.forEach(builder::count);
			this.equations.forEach((equation) -> builder.sum(equation.get(0), equation.subList(1, equation.size())));
			return builder.build();
		}

	}

}
