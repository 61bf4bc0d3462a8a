package nl.uitweg.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/** Scale of a run and small helpers shared by the scenarios. */
final class Bench {

	private Bench() {
	}

	static boolean full() {
		return "full".equals(System.getProperty("bench.mode", "smoke"));
	}

	/**
	 * A whole number from -Dbench.NAME, with one default for the smoke run and one for
	 * the full run.
	 */
	static int scale(String name, int smoke, int full) {
		return Integer.getInteger("bench." + name, full() ? full : smoke);
	}

	static int[] scales(String name, String smoke, String full) {
		String value = System.getProperty("bench." + name, full() ? full : smoke);
		return java.util.Arrays.stream(value.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
	}

	/**
	 * Whether a scenario runs: all of them unless -Dbench.scenarios names some (for
	 * profiling one scenario; the report then says the others were skipped).
	 */
	static boolean runs(String scenario) {
		String chosen = System.getProperty("bench.scenarios", "");
		return chosen.isBlank() || java.util.Arrays.asList(chosen.split(",")).contains(scenario);
	}

	static int freePort() {
		try {
			return nl.uitweg.platform.FreePorts.find();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static void pause(long millis) {
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
	}

	/** Parks until the given System.nanoTime(). */
	static void until(long nanos) {
		long left;
		while ((left = nanos - System.nanoTime()) > 0) {
			LockSupport.parkNanos(Math.min(left, 1_000_000));
		}
	}

	/** Latencies in microseconds, up to an hour. */
	static Histogram histogram() {
		return new Histogram(TimeUnit.HOURS.toMicros(1), 3);
	}

	/** p50/p99/p99.9/max in milliseconds. */
	static Map<String, Object> percentiles(Histogram h) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("count", h.getTotalCount());
		out.put("p50Ms", ms(h.getValueAtPercentile(50)));
		out.put("p99Ms", ms(h.getValueAtPercentile(99)));
		out.put("p999Ms", ms(h.getValueAtPercentile(99.9)));
		out.put("maxMs", ms(h.getMaxValue()));
		return out;
	}

	static double ms(long micros) {
		return Math.round(micros / 10.0) / 100.0;
	}

	static double round(double value, int decimals) {
		double f = Math.pow(10, decimals);
		return Math.round(value * f) / f;
	}

}
