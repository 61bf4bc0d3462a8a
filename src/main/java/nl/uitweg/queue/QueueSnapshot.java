package nl.uitweg.queue;

import java.util.Map;

/**
 * The queue as one instance last read it.
 *
 * @param positions place in line (1-based) per waiting conversation
 * @param waiting how many wait
 * @param longestWaitSeconds the longest current wait
 * @param secondsPerPosition the current estimate of how long each place in line takes
 */
public record QueueSnapshot(Map<String, Integer> positions, int waiting, long longestWaitSeconds,
		double secondsPerPosition) {

	/** Rounded up to half minutes: a rough wait, not a promise. */
	public long estimatedWaitSeconds(int position) {
		return estimatedWaitSeconds(position, this.secondsPerPosition);
	}

	/** The same estimate without a snapshot, for one place read on its own. */
	static long estimatedWaitSeconds(int position, double secondsPerPosition) {
		long seconds = (long) Math.ceil(position * secondsPerPosition);
		return ((seconds + 29) / 30) * 30;
	}

}
