package nl.uitweg.bench.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.uitweg.support.TestBackends;

/**
 * What a waiting visitor costs the server in heap: one instance in its own process, on a
 * Redis database of its own; visitors join in steps and the live heap (after full
 * collections, from {@code jcmd GC.class_histogram}) is compared with the heap before
 * anyone waited. Prints a markdown table of the figures and the classes that grew most.
 * <p>
 * Run: {@code ./mvnw -B -o -q test-compile && java -cp "$(cat target/test-classpath.txt)"
 * ...} (see docs/performance-memory.md for the exact command). Arguments: the steps, e.g.
 * {@code 1000 5000 10000}.
 */
public final class WaitingVisitorMemory {

	private WaitingVisitorMemory() {
	}

	public static void main(String[] args) {
		List<Integer> steps = new ArrayList<>();
		for (String arg : args) {
			steps.add(Integer.parseInt(arg));
		}
		if (steps.isEmpty()) {
			steps = List.of(1000, 5000, 10000);
		}
		int database = 2;
		TestBackends.get().redis(database).flushdb();
		Map<String, Object> settings = Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/" + database);
		try (ServerProcess server = ServerProcess.start("waiting", "4g", settings);
				WaitingClients clients = new WaitingClients(server.port())) {
			// Warms up the paths a first connection loads (classes, pools, caches).
			clients.growTo(50, 16);
			Histogram base = server.histogram();
			int baseCount = clients.size();
			System.out.printf("Baseline: %,d bytes live with %d waiting%n", base.totalBytes(), baseCount);
			for (int step : steps) {
				long started = System.nanoTime();
				clients.growTo(step, 64);
				long joinedMillis = (System.nanoTime() - started) / 1_000_000;
				Histogram now = server.histogram();
				int added = clients.size() - baseCount;
				System.out.printf("%n## %,d waiting (joined in %,d ms)%n%n", clients.size(), joinedMillis);
				System.out.printf("Live heap %,d bytes; per waiting visitor %,d bytes%n%n", now.totalBytes(),
						(now.totalBytes() - base.totalBytes()) / added);
				System.out.println("| class | instances per visitor | bytes per visitor |");
				System.out.println("|---|---|---|");
				now.topGrowth(base, added, Integer.getInteger("rows", 25)).forEach(System.out::println);
			}
		}
		finally {
			TestBackends.get().redis(database).flushdb();
			System.exit(0);
		}
	}

}
