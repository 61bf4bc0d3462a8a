package nl.uitweg.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The open-loop chat workload: sends are scheduled by the clock at a fixed offered rate,
 * round robin over the pairs, and never wait for a reply. Each text carries the time it
 * was due ({@code bm:NANOS:N}), so the receiver measures end-to-end latency from the
 * intended send time (no coordinated omission: a stalled system is charged for every
 * message it held up).
 */
final class ChatLoad implements Consumer<String> {

	private final Recorder recorder = new Recorder(TimeUnit.HOURS.toMicros(1), 3);

	private final AtomicLong received = new AtomicLong();

	/** Called by every receiving side with a whole frame; finds the payload in it. */
	@Override
	public void accept(String frame) {
		int at = frame.indexOf("bm:");
		if (at < 0) {
			return;
		}
		long now = System.nanoTime();
		long sent = 0;
		for (int i = at + 3; i < frame.length(); i++) {
			char c = frame.charAt(i);
			if (c < '0' || c > '9') {
				break;
			}
			sent = sent * 10 + (c - '0');
		}
		this.recorder.recordValue(Math.max(0, (now - sent) / 1000));
		this.received.incrementAndGet();
	}

	/**
	 * Runs one step at an offered rate and returns its figures: latency percentiles,
	 * delivered msg/s, and CPU seconds and bytes allocated per delivered message over the
	 * system's processes.
	 */
	Map<String, Object> step(ChatSystem system, List<Consumer<String>> senders, int rate, double seconds) {
		List<BenchProcess> processes = system.processes();
		double cpuBefore = processes.stream().mapToDouble(BenchProcess::cpuSeconds).sum();
		List<Map<Long, Long>> allocBefore = allocated(processes);
		this.recorder.getIntervalHistogram();
		long receivedBefore = this.received.get();
		long count = (long) (rate * seconds);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		double interval = 1e9 / rate;
		for (long i = 0; i < count; i++) {
			long due = start + (long) (i * interval);
			Bench.until(due);
			senders.get((int) (i % senders.size())).accept("bm:" + due + ":" + i);
		}
		// Drain: what is still in flight belongs to this step.
		long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.received.get() - receivedBefore < count && System.nanoTime() < drainUntil) {
			Bench.pause(20);
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		Histogram latency = this.recorder.getIntervalHistogram();
		long delivered = this.received.get() - receivedBefore;
		double cpu = processes.stream().mapToDouble(BenchProcess::cpuSeconds).sum() - cpuBefore;
		List<Map<Long, Long>> allocAfter = allocated(processes);
		long alloc = 0;
		for (int i = 0; i < allocAfter.size(); i++) {
			alloc += BenchProcess.allocatedBetween(allocBefore.get(i), allocAfter.get(i));
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("offeredPerSecond", rate);
		out.put("sent", count);
		out.put("delivered", delivered);
		out.put("deliveredPerSecond", Bench.round(delivered / elapsed, 1));
		out.putAll(Bench.percentiles(latency));
		out.put("cpuMicrosPerMessage",
				processes.isEmpty() || delivered == 0 ? null : Bench.round(cpu * 1e6 / delivered, 1));
		out.put("allocatedBytesPerMessage", (allocBefore.isEmpty() || delivered == 0) ? null : alloc / delivered);
		return out;
	}

	/**
	 * Bytes allocated per thread by each JVM process; empty when there is none (node) or
	 * a probe failed.
	 */
	private static List<Map<Long, Long>> allocated(List<BenchProcess> processes) {
		List<Map<Long, Long>> all = new java.util.ArrayList<>();
		for (BenchProcess process : processes) {
			if (process.name().startsWith("socketio")) {
				continue;
			}
			Map<Long, Long> byThread = process.allocatedByThread();
			if (byThread.isEmpty()) {
				return List.of();
			}
			all.add(byThread);
		}
		return all;
	}

}
