package nl.uitweg.queue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import nl.uitweg.conversation.Intake;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.visitor.VisitorSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a waiting visitor costs in heap must not depend on how long the queue is: real
 * WebSocket visitors join once behind about 200 others and once behind about 2,000, and
 * the heap they keep (after full collections) is compared per visitor. The instance runs
 * on a Redis database of its own, so the long queue is seen by nobody else.
 */
class WaitingVisitorMemoryIntegrationTests {

	private static final int VISITORS_PER_ROUND = 100;

	private static final int SHORT_QUEUE = 200;

	private static final int LONG_QUEUE = 2000;

	/**
	 * Copying the queue per join costs about 125 bytes per queued conversation, so about
	 * 225 KB more per visitor behind 2,000 than behind 200.
	 */
	private static final long TOLERANCE_PER_VISITOR = 30 * 1024;

	private static final RedisCommands<String, String> redis = TestBackends.get().isolatedRedis();

	private static AppInstance app;

	private final List<Visitor> visitors = new ArrayList<>();

	@BeforeAll
	static void startInstance() {
		redis.flushdb();
		app = AppInstance.start("memory",
				Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/" + TestBackends.ISOLATED_DATABASE));
	}

	@AfterAll
	static void stopInstance() {
		app.close();
		redis.flushdb();
	}

	@Test
	void aWaitingVisitorHoldsNoMoreHeapBehindALongQueueThanBehindAShortOne() {
		try {
			// Warms up the paths a first connection loads, so they are not charged to the
			// first round.
			joinVisitors(10);
			queueOthers(SHORT_QUEUE - waiting());
			long shortQueue = waiting();
			long perVisitorShort = heapPerJoinedVisitor();

			queueOthers(LONG_QUEUE - waiting());
			long longQueue = waiting();
			long perVisitorLong = heapPerJoinedVisitor();

			System.out.printf("Heap per waiting visitor: %,d bytes behind %d, %,d bytes behind %d%n", perVisitorShort,
					shortQueue, perVisitorLong, longQueue);
			assertThat(longQueue).isGreaterThanOrEqualTo(LONG_QUEUE);
			assertThat(perVisitorLong - perVisitorShort)
				.as("extra heap per visitor behind %d instead of %d (%,d vs %,d bytes)", longQueue, shortQueue,
						perVisitorLong, perVisitorShort)
				.isLessThan(TOLERANCE_PER_VISITOR);
		}
		finally {
			this.visitors.forEach(Visitor::close);
		}
	}

	/** Joins a round of visitors and returns the heap each of them keeps. */
	private long heapPerJoinedVisitor() {
		long before = settledHeapUsed();
		joinVisitors(VISITORS_PER_ROUND);
		long after = settledHeapUsed();
		return (after - before) / VISITORS_PER_ROUND;
	}

	/** Real visitors over WebSocket: hello, start, the first 'queued' frame. */
	private void joinVisitors(int count) {
		for (int i = 0; i < count; i++) {
			Visitor visitor = Visitor.connect(app.port());
			this.visitors.add(visitor);
			visitor.start();
		}
	}

	/** Others in line, queued through the application's own session and queue API. */
	private static void queueOthers(long count) {
		VisitorSessions sessions = app.bean(VisitorSessions.class);
		QueueManagement queue = app.bean(QueueManagement.class);
		Flux.range(0, (int) count)
			.flatMap((i) -> sessions.create("nl", null)
				.flatMap((created) -> sessions.authenticate(created.resumeToken()))
				.flatMap((session) -> queue.enqueue(session, Intake.none())), 32)
			.then()
			.block(Duration.ofSeconds(20));
	}

	private static long waiting() {
		return redis.zcard("{uw}:queue");
	}

	/**
	 * Heap in use after full collections: the least of a few, so garbage a collection
	 * happened to miss does not count.
	 */
	private static long settledHeapUsed() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

}
