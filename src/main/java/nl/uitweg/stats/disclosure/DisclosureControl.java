package nl.uitweg.stats.disclosure;

import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Decides which counts of one period are suppressed.
 * <p>
 * <b>Primary suppression</b>: every count from 1 to k-1. A zero is shown; that nobody
 * fell in a cell discloses no one.
 * <p>
 * <b>Secondary suppression</b>: a sum with exactly one suppressed member (its total or
 * one of its parts) gives that member away, since it is the total minus the other parts
 * or the parts added up. So, until nothing changes, every such sum has one more member
 * suppressed: its smallest non-zero published part (ties by {@link CellId} order), or its
 * total when no part qualifies. A sum whose members are all zero never has a suppressed
 * member, and needs nothing.
 * <p>
 * <b>Termination</b>: each pass either suppresses a cell that was published, or changes
 * nothing and ends the loop. Cells are never published again, so there are at most as
 * many passes as cells. There is always a cell to pick: if the one suppressed member is
 * the total, it is not zero (zeros are never suppressed, see below), so some part is
 * non-zero and published; if it is a part, the total is published.
 * <p>
 * <b>Zeros stay shown</b>: a part is picked only when non-zero, and the total is picked
 * only when every other published part is zero, so then it equals the suppressed part,
 * which is not zero either.
 * <p>
 * <b>Guarantee</b>: when it ends, no sum has exactly one suppressed member, and no sum
 * with a shown total has hidden parts that must all be 1 (hidden cells are at least 1,
 * since zeros are shown). A reader who solves sums one unknown at a time, or pins a sum's
 * hidden parts to 1, never gets started, so no chain of such steps through rows, columns
 * and linked tables reaches a suppressed cell. It does <em>not</em> protect against a
 * reader who combines several sums at once or works with intervals: linear-programming
 * attacks can narrow a suppressed cell down.
 */
public final class DisclosureControl {

	/** The k of the product rules: the smallest count that may be shown. */
	public static final int DEFAULT_THRESHOLD = 5;

	private final int threshold;

	/**
	 * @param threshold k, the smallest non-zero count that may be shown; 1 suppresses
	 * nothing
	 */
	public DisclosureControl(int threshold) {
		if (threshold < 1) {
			throw new IllegalArgumentException("The threshold must be at least 1: " + threshold);
		}
		this.threshold = threshold;
	}

	/** With the default threshold, {@value #DEFAULT_THRESHOLD}. */
	public DisclosureControl() {
		this(DEFAULT_THRESHOLD);
	}

	public int threshold() {
		return this.threshold;
	}

	/**
	 * Suppresses what must not be shown; the same figures always give the same result.
	 */
	public PublishedFigures apply(PeriodFigures figures) {
		NavigableMap<CellId, Long> counts = figures.counts();
		NavigableSet<CellId> suppressed = new TreeSet<>();
		Set<CellId> shownElsewhere = new TreeSet<>();
		figures.settled().forEach((cell, hidden) -> (hidden ? suppressed : shownElsewhere).add(cell));
		counts.forEach((cell, count) -> {
			if (count >= 1 && count < this.threshold && !shownElsewhere.contains(cell)) {
				suppressed.add(cell);
			}
		});
		boolean protectable = true;
		boolean changed = !suppressed.isEmpty();
		while (changed) {
			changed = false;
			for (Sum sum : figures.sums()) {
				if (suppressedMembers(sum, suppressed) == 1 || pinnedToOne(sum, counts, suppressed)) {
					CellId next = secondary(sum, counts, suppressed, shownElsewhere);
					if (next == null) {
						protectable = false;
						continue;
					}
					suppressed.add(next);
					changed = true;
				}
			}
		}
		return new PublishedFigures(counts, suppressed, this.threshold, protectable);
	}

	private static int suppressedMembers(Sum sum, NavigableSet<CellId> suppressed) {
		int n = 0;
		for (CellId member : sum.members()) {
			if (suppressed.contains(member)) {
				n++;
			}
		}
		return n;
	}

	/**
	 * Zeros are shown, so a reader knows every hidden cell is at least 1. When the total
	 * is shown and the hidden parts add up to exactly their number, each must be 1: one
	 * more part is hidden (a shown non-zero part is at least k, so the bound no longer
	 * pins anything).
	 */
	private static boolean pinnedToOne(Sum sum, Map<CellId, Long> counts, NavigableSet<CellId> suppressed) {
		if (suppressed.contains(sum.total())) {
			return false;
		}
		int hidden = 0;
		long hiddenSum = 0;
		for (CellId part : sum.parts()) {
			if (suppressed.contains(part)) {
				hidden++;
				hiddenSum += counts.get(part);
			}
		}
		return hidden >= 2 && hiddenSum == hidden;
	}

	/**
	 * The member to suppress so that the one already suppressed cannot be solved for: the
	 * smallest shown non-zero part, else the total; never a cell shown elsewhere. Null
	 * when no member may be suppressed.
	 */
	private static @Nullable CellId secondary(Sum sum, Map<CellId, Long> counts, NavigableSet<CellId> suppressed,
			Set<CellId> shownElsewhere) {
		@Nullable CellId smallest = null;
		for (CellId part : sum.parts()) {
			long count = counts.get(part);
			if (count > 0 && !suppressed.contains(part) && !shownElsewhere.contains(part)
					&& (smallest == null || count < counts.get(smallest))) {
				// Parts are sorted by id, so the first of equal counts wins the tie.
				smallest = part;
			}
		}
		if (smallest != null) {
			return smallest;
		}
		CellId total = sum.total();
		return (suppressed.contains(total) || shownElsewhere.contains(total)) ? null : total;
	}

}
