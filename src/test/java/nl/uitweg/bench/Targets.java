package nl.uitweg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The targets of issue 11 and what the run measured for each. */
final class Targets {

	private Targets() {
	}

	@SuppressWarnings("unchecked")
	static List<String[]> rows(Map<String, Object> scenarios) {
		List<String[]> rows = new ArrayList<>();
		List<Object> waiting = (List<Object>) scenarios.getOrDefault("waiting", List.of());
		if (waiting.isEmpty()) {
			rows.add(new String[] { "10,000 waiting at ≤ 10 KB heap each", "not measured", "?" });
		}
		else {
			Map<String, Object> last = (Map<String, Object>) waiting.get(waiting.size() - 1);
			Object heap = last.get("heapPerVisitorBytes");
			rows.add(new String[] { "10,000 waiting at ≤ 10 KB heap each",
					Report.bytes(heap) + " at " + last.get("visitors") + " waiting",
					met(heap instanceof Number && ((Number) heap).doubleValue() <= 10 * 1024,
							(int) last.get("visitors") >= 10_000, heap instanceof Number) });
		}
		List<Object> chats = (List<Object>) scenarios.getOrDefault("chat", List.of());
		if (chats.isEmpty()) {
			rows.add(new String[] { "1,000 chats at 200 msg/s with p99 ≤ 100 ms", "not measured", "?" });
		}
		else {
			Map<String, Object> last = (Map<String, Object>) chats.get(chats.size() - 1);
			Map<String, Object> medians = (Map<String, Object>) last.get("medians");
			Map<String, Object> uitweg = (Map<String, Object>) medians.get("uitweg");
			Double p99 = (Double) uitweg.get("p99Ms");
			rows.add(new String[] { "1,000 chats at 200 msg/s with p99 ≤ 100 ms",
					"p99 " + p99 + " ms at " + last.get("conversations") + " chats, " + last.get("fixedRate")
							+ " msg/s",
					met(p99 != null && p99 <= 100,
							(int) last.get("conversations") >= 1000 && (int) last.get("fixedRate") >= 200,
							p99 != null) });
			Double cpu = (Double) medians.get("cpuPerMessageVsRawRelay");
			Double cpuRamp = (Double) medians.get("cpuPerMessageVsRawRelayAtCommonRampRate");
			rows.add(new String[] {
					"CPU per relayed message ≤ 3× the raw relay", "at " + last.get("fixedRate") + " msg/s: "
							+ ratio(cpu) + "; at the highest rate both carried: " + ratio(cpuRamp),
					met(cpu != null && cpu <= 3, true, cpu != null) });
			Double peer = (Double) medians.get("throughputVsPeer");
			rows.add(new String[] { "throughput ≥ 1.5× the Socket.IO peer at equal p99 (≤ 100 ms)", ratio(peer),
					met(peer != null && peer >= 1.5, true, peer != null) });
		}
		Map<String, Object> surge = (Map<String, Object>) scenarios.get("surge");
		if (surge != null) {
			Double p99 = (Double) ((Map<String, Object>) surge.get("queueAssign")).get("p99Ms");
			long count = ((Number) ((Map<String, Object>) surge.get("queueAssign")).get("count")).longValue();
			rows.add(new String[] { "queue-assign p99 ≤ 50 ms", "p99 " + p99 + " ms over " + count + " assignments",
					met(p99 <= 50, (int) surge.get("arrivals") >= 2000, count > 0) });
			rows.add(new String[] { "surge: zero order violations", String.valueOf(surge.get("orderViolations")),
					met(((Number) surge.get("orderViolations")).longValue() == 0, true, true) });
		}
		Map<String, Object> reconnect = (Map<String, Object>) scenarios.get("reconnect");
		if (reconnect != null) {
			long lost = ((Number) reconnect.get("lost")).longValue();
			long duplicated = ((Number) reconnect.get("duplicated")).longValue();
			rows.add(new String[] { "reconnect storm: zero lost or duplicated",
					lost + " lost, " + duplicated + " duplicated of " + reconnect.get("clients") + " clients",
					met(lost == 0 && duplicated == 0, (int) reconnect.get("clients") >= 1000, true) });
		}
		return rows;
	}

	private static String ratio(Double value) {
		return (value != null) ? value + "× (median of the rounds' ratios)" : "n/a";
	}

	private static String met(boolean met, boolean fullScale, boolean measured) {
		if (!measured) {
			return "not measured";
		}
		return (met ? "yes" : "**no**") + (fullScale ? "" : " (reduced scale)");
	}

}
