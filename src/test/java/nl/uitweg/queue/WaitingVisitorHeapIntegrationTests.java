package nl.uitweg.queue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.uitweg.bench.memory.Histogram;
import nl.uitweg.bench.memory.ServerProcess;
import nl.uitweg.bench.memory.WaitingClients;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A waiting visitor costs the server a small, bounded amount of heap, however long the
 * line: the instance runs in a process of its own (so the test's clients are not
 * counted), real WebSocket visitors say hello and start, and the server's live heap after
 * full collections ({@code jcmd GC.class_histogram}) is compared with its heap before
 * they came, once with a few hundred waiting and once with two thousand.
 */
class WaitingVisitorHeapIntegrationTests {

	/** A Redis database no other test uses: the long line is seen by nobody else. */
	private static final int DATABASE = 3;

	private static final int WARM_UP = 20;

	private static final int FEW = 400;

	private static final int MANY = 2000;

	/**
	 * About 19 KB was measured (docs/performance-memory.md); 175 KB before buffers grew
	 * on demand. The bound leaves room for noise, not for a buffer sized by its limit.
	 */
	private static final long BOUND_PER_VISITOR = 24 * 1024;

	private static ServerProcess server;

	@BeforeAll
	static void startInstance() {
		TestBackends.get().redis(DATABASE).flushdb();
		server = ServerProcess.start("heap", "512m",
				Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/" + DATABASE));
	}

	@AfterAll
	static void stopInstance() {
		server.close();
		TestBackends.get().redis(DATABASE).flushdb();
	}

	@Test
	void aWaitingVisitorCostsTheServerABoundedAmountOfHeapWhateverTheLengthOfTheLine() {
		try (WaitingClients visitors = new WaitingClients(server.port())) {
			// Loads the classes, pools and caches a first connection needs, so they are
			// not charged to the visitors measured.
			visitors.growTo(WARM_UP, 8);
			Histogram before = server.histogram();

			visitors.growTo(WARM_UP + FEW, 32);
			long perVisitorFew = (server.histogram().totalBytes() - before.totalBytes()) / FEW;

			visitors.growTo(WARM_UP + MANY, 32);
			long perVisitorMany = (server.histogram().totalBytes() - before.totalBytes()) / MANY;

			System.out.printf("Server heap per waiting visitor: %,d bytes with %d waiting, %,d bytes with %d%n",
					perVisitorFew, WARM_UP + FEW, perVisitorMany, WARM_UP + MANY);
			assertThat(TestBackends.get().redis(DATABASE).zcard("{uw}:queue")).isEqualTo(WARM_UP + MANY);
			assertThat(perVisitorFew).as("heap per waiting visitor with %d waiting", WARM_UP + FEW)
				.isLessThan(BOUND_PER_VISITOR);
			assertThat(perVisitorMany).as("heap per waiting visitor with %d waiting", WARM_UP + MANY)
				.isLessThan(BOUND_PER_VISITOR);
		}
	}

}
