package nl.uitweg.stats.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every figure meant for publication for one period, with its true count, and the sums
 * that tie the figures together. All tables of one period go into one
 * {@code PeriodFigures}: a cell shared by two tables (a margin, the number of contacts)
 * is what lets a reader combine them, so the suppression has to see them together.
 */
public final class PeriodFigures {

	private final NavigableMap<CellId, Long> counts;

	private final SortedSet<Sum> sums;

	private final NavigableMap<CellId, Boolean> settled;

	private PeriodFigures(NavigableMap<CellId, Long> counts, SortedSet<Sum> sums,
			NavigableMap<CellId, Boolean> settled) {
		this.counts = Collections.unmodifiableNavigableMap(counts);
		this.sums = Collections.unmodifiableSortedSet(sums);
		this.settled = Collections.unmodifiableNavigableMap(settled);
	}

	/** Starts an empty set of figures. */
	public static Builder builder() {
		return new Builder();
	}

	NavigableMap<CellId, Long> counts() {
		return this.counts;
	}

	/**
	 * The true count of a cell, for building further figures of the same period; never
	 * for publication.
	 */
	public long countOf(CellId cell) {
		Long count = this.counts.get(cell);
		if (count == null) {
			throw new IllegalArgumentException("No such cell: " + cell);
		}
		return count;
	}

	SortedSet<Sum> sums() {
		return this.sums;
	}

	/**
	 * Cells whose fate another publication of the same period decided: {@code true} for
	 * suppressed there, {@code false} for shown there (and so never to be suppressed
	 * here).
	 */
	NavigableMap<CellId, Boolean> settled() {
		return this.settled;
	}

	/** Collects counts and sums; checks on {@link #build()} that every sum adds up. */
	public static final class Builder {

		private final Map<CellId, Long> counts = new TreeMap<>();

		private final List<Sum> sums = new ArrayList<>();

		private final Map<CellId, Boolean> settled = new TreeMap<>();

		private Builder() {
		}

		/**
		 * Adds a cell already published elsewhere for the same period: shown there, it
		 * must stay shown here; suppressed there, it stays suppressed here. This is how a
		 * table published later (a cross-tabulation) is protected together with the ones
		 * already out (the one-way tables it is the margin of).
		 */
		public Builder settled(CellId cell, long count, boolean suppressed) {
			count(cell, count);
			this.settled.put(cell, suppressed);
			return this;
		}

		/**
		 * Adds a cell with its true count.
		 * @throws IllegalArgumentException if the count is negative or the cell is
		 * already there with another count
		 */
		public Builder count(CellId cell, long count) {
			if (count < 0) {
				throw new IllegalArgumentException("A count cannot be negative: " + cell + " = " + count);
			}
			Long before = this.counts.putIfAbsent(cell, count);
			if (before != null && before != count) {
				throw new IllegalArgumentException("Two counts for " + cell + ": " + before + " and " + count);
			}
			return this;
		}

		/**
		 * Declares that {@code total} is the sum of {@code parts}, e.g. a row total and
		 * the cells of its row. All of them must be added with {@link #count} before
		 * {@link #build()}.
		 */
		public Builder sum(CellId total, List<CellId> parts) {
			this.sums.add(new Sum(total, parts));
			return this;
		}

		/** Same as {@link #sum(CellId, List)}. */
		public Builder sum(CellId total, CellId... parts) {
			return sum(total, List.of(parts));
		}

		/**
		 * The figures, with their sums in a fixed order, so that the order they were
		 * added in does not change the outcome.
		 * @throws IllegalArgumentException if a sum names a cell without a count, or its
		 * parts do not add up to its total
		 */
		public PeriodFigures build() {
			for (Sum sum : this.sums) {
				long parts = 0;
				for (CellId part : sum.parts()) {
					parts = Math.addExact(parts, countOf(part, sum));
				}
				long total = countOf(sum.total(), sum);
				if (parts != total) {
					throw new IllegalArgumentException(
							"The parts add up to " + parts + ", the total is " + total + ": " + sum);
				}
			}
			return new PeriodFigures(new TreeMap<>(this.counts), new TreeSet<>(this.sums), new TreeMap<>(this.settled));
		}

		/** The count given for a cell so far. */
		public long countOf(CellId cell) {
			Long count = this.counts.get(cell);
			if (count == null) {
				throw new IllegalArgumentException("No count yet for " + cell);
			}
			return count;
		}

		private long countOf(CellId cell, Sum sum) {
			Long count = this.counts.get(cell);
			if (count == null) {
				throw new IllegalArgumentException("No count for " + cell + " in " + sum);
			}
			return count;
		}

	}

}
