package nl.uitweg.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many took each number of seconds, as MongoDB counted them: enough for exact
 * percentiles without the records themselves.
 */
final class Histogram {

	private final TreeMap<Long, Long> counts = new TreeMap<>();

	private long total;

	void add(long seconds, long count) {
		this.counts.merge(seconds, count, Long::sum);
		this.total += count;
	}

	void addAll(Histogram other) {
		other.counts.forEach(this::add);
	}

	long total() {
		return this.total;
	}

	/** How many took at most this long. */
	long atMost(long seconds) {
		return this.counts.headMap(seconds, true).values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * The nearest-rank percentile: the smallest value with at least {@code p} of all at
	 * or below it ({@code p} from 0 to 1). Not for an empty histogram.
	 */
	long percentile(double p) {
		long rank = Math.max(1, (long) Math.ceil(p * this.total));
		long seen = 0;
		for (Map.Entry<Long, Long> entry : this.counts.entrySet()) {
			seen += entry.getValue();
			if (seen >= rank) {
				return entry.getKey();
			}
		}
		throw new IllegalStateException("An empty histogram has no percentile");
	}

}
