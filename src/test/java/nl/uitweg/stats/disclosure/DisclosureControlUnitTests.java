package nl.uitweg.stats.disclosure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DisclosureControlUnitTests {

	private final DisclosureControl control = new DisclosureControl();

	@Test
	void aSmallCellTakesTheSmallestOtherNonZeroCellWithIt() {
		PublishedFigures published = this.control.apply(region(3, 10, 12, 0));

		assertThat(published.suppressed()).containsExactlyInAnyOrder(region("north"), region("east"));
		assertThat(published.count(region("south"))).isEqualTo(Disclosed.shown(12L));
		assertThat(published.count(region("west"))).isEqualTo(Disclosed.shown(0L));
		assertThat(published.count(region("total"))).isEqualTo(Disclosed.shown(25L));
	}

	@Test
	void aSmallCellWhoseOtherCellsAreZeroTakesTheTotalWithIt() {
		PublishedFigures published = this.control.apply(region(2, 0, 0, 0));

		assertThat(published.suppressed()).containsExactlyInAnyOrder(region("north"), region("total"));
		assertThat(published.count(region("east"))).isEqualTo(Disclosed.shown(0L));
	}

	@Test
	void anAllZeroTableIsShownAsItIs() {
		PublishedFigures published = this.control.apply(region(0, 0, 0, 0));

		assertThat(published.suppressed()).isEmpty();
		assertThat(published.count(region("total"))).isEqualTo(Disclosed.shown(0L));
	}

	@Test
	void aSmallCellInACrossTabulationTakesARectangleWithIt() {
		// 8 2 9 | 19
		// 7 6 10 | 23
		// 15 8 19 | 42
		PeriodFigures figures = crossTab(new long[][] { { 8, 2, 9 }, { 7, 6, 10 } });

		PublishedFigures published = this.control.apply(figures);

		assertThat(published.suppressed()).containsExactlyInAnyOrder(cell("r1", "c1"), cell("r1", "c2"),
				cell("r2", "c1"), cell("r2", "c2"));
		assertThat(published.count(cell("r1", "total"))).isEqualTo(Disclosed.shown(19L));
		assertThat(published.count(cell("total", "c2"))).isEqualTo(Disclosed.shown(8L));
		assertThat(published.count(cell("total", "total"))).isEqualTo(Disclosed.shown(42L));
	}

	@Test
	void secondarySuppressionCascadesThroughLinkedTables() {
		CellId all = new CellId("by-region", "total", "count");
		CellId north = new CellId("by-region", "north", "count");
		CellId south = new CellId("by-region", "south", "count");
		CellId city1 = new CellId("south-by-city", "city1", "count");
		CellId city2 = new CellId("south-by-city", "city2", "count");
		CellId young = new CellId("city2-by-age", "young", "count");
		CellId old = new CellId("city2-by-age", "old", "count");
		PeriodFigures figures = PeriodFigures.builder()
			.count(all, 30)
			.count(north, 2)
			.count(south, 28)
			.count(city1, 20)
			.count(city2, 8)
			.count(young, 8)
			.count(old, 0)
			.sum(all, north, south)
			.sum(south, city1, city2)
			.sum(city2, young, old)
			.build();

		PublishedFigures published = this.control.apply(figures);

		// north is small; south goes with it, then city2 with south, then young with
		// city2.
		assertThat(published.suppressed()).containsExactlyInAnyOrder(north, south, city2, young);
		assertThat(published.count(old)).isEqualTo(Disclosed.shown(0L));
		assertThat(published.count(city1)).isEqualTo(Disclosed.shown(20L));
	}

	@Test
	void hiddenCellsThatZerosWouldPinToOneAreHiddenFurther() {
		// Zeros are shown, so a hidden cell is at least 1: with total 12 and south 10
		// shown, north and east (1 and 1) would have to be 1 each. South goes too.
		PublishedFigures published = this.control.apply(region(1, 1, 10, 0));

		assertThat(published.suppressed()).containsExactlyInAnyOrder(region("north"), region("east"), region("south"));
		assertThat(published.count(region("total"))).isEqualTo(Disclosed.shown(12L));
	}

	@Test
	void aCellShownElsewhereStaysShownAndTheNextOneGoesInstead() {
		// East (10) was shown in a table already out; north (3) is small, so south goes.
		PublishedFigures published = this.control.apply(PeriodFigures.builder()
			.count(region("north"), 3)
			.settled(region("east"), 10, false)
			.count(region("south"), 12)
			.count(region("total"), 25)
			.sum(region("total"), region("north"), region("east"), region("south"))
			.build());

		assertThat(published.suppressed()).containsExactlyInAnyOrder(region("north"), region("south"));
		assertThat(published.protectable()).isTrue();
	}

	@Test
	void aCellSuppressedElsewhereStaysSuppressedHere() {
		PublishedFigures published = this.control.apply(PeriodFigures.builder()
			.settled(region("north"), 30, true)
			.count(region("east"), 10)
			.count(region("total"), 40)
			.sum(region("total"), region("north"), region("east"))
			.build());

		assertThat(published.suppressed()).containsExactlyInAnyOrder(region("north"), region("east"));
	}

	@Test
	void aSumThatOnlyCellsShownElsewhereCouldProtectIsReportedAsUnprotectable() {
		PublishedFigures published = this.control.apply(PeriodFigures.builder()
			.count(region("north"), 3)
			.settled(region("east"), 10, false)
			.settled(region("total"), 13, false)
			.sum(region("total"), region("north"), region("east"))
			.build());

		assertThat(published.protectable()).isFalse();
	}

	@Test
	void aThresholdOfOneSuppressesNothing() {
		PublishedFigures published = new DisclosureControl(1).apply(region(1, 1, 2, 0));

		assertThat(published.suppressed()).isEmpty();
		assertThat(published.count(region("north"))).isEqualTo(Disclosed.shown(1L));
	}

	@Test
	void theThresholdIsConfigurable() {
		PeriodFigures figures = region(7, 9, 12, 20);

		assertThat(this.control.apply(figures).suppressed()).isEmpty();
		assertThat(new DisclosureControl(10).apply(figures).suppressed()).containsExactlyInAnyOrder(region("east"),
				region("north"));
	}

	@Test
	void theOrderFiguresAreAddedInDoesNotMatter() {
		PeriodFigures forwards = crossTab(new long[][] { { 3, 3, 9 }, { 3, 6, 10 }, { 1, 8, 8 } });
		PeriodFigures.Builder backwards = PeriodFigures.builder();
		List<Sum> sums = List.copyOf(forwards.sums());
		for (int i = sums.size() - 1; i >= 0; i--) {
			Sum sum = sums.get(i);
			List<CellId> parts = new ArrayList<>(sum.parts());
			Collections.reverse(parts);
			backwards.sum(sum.total(), parts);
		}
		forwards.counts().descendingMap().forEach(backwards::count);

		assertThat(this.control.apply(backwards.build()).suppressed())
			.isEqualTo(this.control.apply(forwards).suppressed());
	}

	@Test
	void sumsThatDoNotAddUpAreRefused() {
		PeriodFigures.Builder builder = PeriodFigures.builder()
			.count(region("north"), 3)
			.count(region("total"), 4)
			.sum(region("total"), region("north"));

		assertThatIllegalArgumentException().isThrownBy(builder::build).withMessageContaining("add up to 3");
	}

	@Test
	void aPercentageIsRoundedHalfUpToOneDecimal() {
		PublishedFigures published = new DisclosureControl(1).apply(PeriodFigures.builder()
			.count(region("north"), 1)
			.count(region("east"), 2)
			.count(region("total"), 16)
			.count(region("small"), 3)
			.build());

		assertThat(published.percent(region("north"), region("total")))
			.contains(Disclosed.shown(new BigDecimal("6.3")));
		assertThat(published.percent(region("north"), region("small")))
			.contains(Disclosed.shown(new BigDecimal("33.3")));
		assertThat(published.percent(region("east"), region("small")))
			.contains(Disclosed.shown(new BigDecimal("66.7")));
		assertThat(published.percent(region("total"), region("total")))
			.contains(Disclosed.shown(new BigDecimal("100.0")));
	}

	@Test
	void aPercentageOfOrOverASuppressedCountIsSuppressed() {
		PublishedFigures published = this.control.apply(region(3, 10, 12, 0));

		assertThat(published.percent(region("north"), region("total"))).contains(Disclosed.suppressed());
		assertThat(published.percent(region("south"), region("east"))).contains(Disclosed.suppressed());
		assertThat(published.percent(region("south"), region("total")))
			.contains(Disclosed.shown(new BigDecimal("48.0")));
	}

	@Test
	void aPercentageOverZeroIsAbsent() {
		PublishedFigures published = this.control.apply(region(0, 0, 0, 0));

		assertThat(published.percent(region("north"), region("total"))).isEmpty();
	}

	@Test
	void aGroupStatisticIsShownOnlyForAShownGroupOfAtLeastK() {
		PublishedFigures published = this.control.apply(region(3, 10, 12, 0));
		AtomicInteger computed = new AtomicInteger();

		assertThat(published.derived(region("north"), computed::incrementAndGet)).contains(Disclosed.suppressed());
		assertThat(published.derived(region("east"), computed::incrementAndGet)).contains(Disclosed.suppressed());
		assertThat(published.derived(region("west"), computed::incrementAndGet)).isEmpty();
		assertThat(computed).hasValue(0);
		assertThat(published.derived(region("south"), () -> 42)).contains(Disclosed.shown(42));
	}

	private static CellId region(String row) {
		return new CellId("by-region", row, "count");
	}

	/** A one-way table of four regions with its total. */
	private static PeriodFigures region(long north, long east, long south, long west) {
		return PeriodFigures.builder()
			.count(region("north"), north)
			.count(region("east"), east)
			.count(region("south"), south)
			.count(region("west"), west)
			.count(region("total"), north + east + south + west)
			.sum(region("total"), region("north"), region("east"), region("south"), region("west"))
			.build();
	}

	private static CellId cell(String row, String column) {
		return new CellId("cross", row, column);
	}

	/** A cross-tabulation with row totals, column totals and a grand total. */
	private static PeriodFigures crossTab(long[][] counts) {
		PeriodFigures.Builder builder = PeriodFigures.builder();
		int columns = counts[0].length;
		long[] columnTotals = new long[columns];
		List<CellId> rowTotals = new ArrayList<>();
		List<CellId> columnTotalCells = new ArrayList<>();
		long grand = 0;
		for (int r = 0; r < counts.length; r++) {
			List<CellId> row = new ArrayList<>();
			long rowTotal = 0;
			for (int c = 0; c < columns; c++) {
				CellId cell = cell("r" + (r + 1), "c" + (c + 1));
				builder.count(cell, counts[r][c]);
				row.add(cell);
				rowTotal += counts[r][c];
				columnTotals[c] += counts[r][c];
			}
			CellId total = cell("r" + (r + 1), "total");
			builder.count(total, rowTotal).sum(total, row);
			rowTotals.add(total);
			grand += rowTotal;
		}
		for (int c = 0; c < columns; c++) {
			CellId total = cell("total", "c" + (c + 1));
			List<CellId> column = new ArrayList<>();
			for (int r = 0; r < counts.length; r++) {
				column.add(cell("r" + (r + 1), "c" + (c + 1)));
			}
			builder.count(total, columnTotals[c]).sum(total, column);
			columnTotalCells.add(total);
		}
		return builder.count(cell("total", "total"), grand)
			.sum(cell("total", "total"), rowTotals)
			.sum(cell("total", "total"), columnTotalCells)
			.build();
	}

}
