package nl.uitweg.stats.disclosure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The figures of one period after disclosure control: what may be shown of each count,
 * and of the percentages and statistics derived from them.
 */
public final class PublishedFigures {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private static final int PERCENT_DECIMALS = 1;

	private final NavigableMap<CellId, Long> counts;

	private final NavigableSet<CellId> suppressed;

	private final int threshold;

	private final boolean protectable;

	PublishedFigures(NavigableMap<CellId, Long> counts, NavigableSet<CellId> suppressed, int threshold,
			boolean protectable) {
		this.counts = counts;
		this.suppressed = Collections.unmodifiableNavigableSet(suppressed);
		this.threshold = threshold;
		this.protectable = protectable;
	}

	/**
	 * False when a sum could not be protected because the only cells left to suppress
	 * were already shown elsewhere ({@link PeriodFigures.Builder#settled}); the caller
	 * then withholds the table it is publishing.
	 */
	public boolean protectable() {
		return this.protectable;
	}

	/** The k these figures were suppressed with. */
	public int threshold() {
		return this.threshold;
	}

	/** Every cell, in {@link CellId} order. */
	public NavigableSet<CellId> cells() {
		return this.counts.navigableKeySet();
	}

	/** The suppressed cells, primary and secondary, in {@link CellId} order. */
	public NavigableSet<CellId> suppressed() {
		return this.suppressed;
	}

	/**
	 * The count of a cell, or suppressed.
	 * @throws IllegalArgumentException if the cell is not among the figures
	 */
	public Disclosed<Long> count(CellId cell) {
		long count = trueCount(cell);
		return this.suppressed.contains(cell) ? Disclosed.suppressed() : Disclosed.shown(count);
	}

	/**
	 * {@code count / denominator * 100}, rounded half-up to one decimal. Suppressed when
	 * either is suppressed; empty when the denominator is 0 (there is nothing to take a
	 * share of).
	 * @throws IllegalArgumentException if either cell is not among the figures
	 */
	public Optional<Disclosed<BigDecimal>> percent(CellId count, CellId denominator) {
		long part = trueCount(count);
		long whole = trueCount(denominator);
		if (this.suppressed.contains(denominator)) {
			return Optional.of(Disclosed.suppressed());
		}
		if (whole == 0) {
			return Optional.empty();
		}
		if (this.suppressed.contains(count)) {
			return Optional.of(Disclosed.suppressed());
		}
		BigDecimal percent = BigDecimal.valueOf(part)
			.multiply(HUNDRED)
			.divide(BigDecimal.valueOf(whole), PERCENT_DECIMALS, RoundingMode.HALF_UP);
		return Optional.of(Disclosed.shown(percent));
	}

	/**
	 * A statistic of a group (a median, a 90th percentile, a service level share), shown
	 * only when the group's count is shown and at least k: a median of two waits is one
	 * person's wait. Empty when the group is empty. The statistic is only computed when
	 * it will be shown.
	 * @param group the cell that counts the group's members
	 * @throws IllegalArgumentException if the cell is not among the figures
	 */
	public <T> Optional<Disclosed<T>> derived(CellId group, Supplier<T> statistic) {
		long members = trueCount(group);
		if (this.suppressed.contains(group)) {
			return Optional.of(Disclosed.suppressed());
		}
		if (members == 0) {
			return Optional.empty();
		}
		if (members < this.threshold) {
			return Optional.of(Disclosed.suppressed());
		}
		return Optional.of(Disclosed.shown(statistic.get()));
	}

	private long trueCount(CellId cell) {
		Long count = this.counts.get(cell);
		if (count == null) {
			throw new IllegalArgumentException("Not among the figures: " + cell);
		}
		return count;
	}

}
