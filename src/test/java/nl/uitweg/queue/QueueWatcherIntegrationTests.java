package nl.uitweg.queue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import nl.uitweg.conversation.Intake;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.TestBackends;
import nl.uitweg.visitor.VisitorSessions;

/** A joining visitor's place, read by rank from the queue a running instance keeps. */
class QueueWatcherIntegrationTests {

	private final AppInstance app = AppInstance.shared("A");

	private final QueueWatcher watcher = this.app.bean(QueueWatcher.class);

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void placeNowCountsFromTheFrontOfTheQueueWithAcuteDangerFirst() {
		String early = enqueue(Intake.none());
		String later = enqueue(Intake.none());
		String acute = enqueue(new Intake(null, null, true));
		// No service rate yet: the fallback of 120 seconds per place.
		this.watcher.placeNow(acute)
			.as(StepVerifier::create)
			.expectNext(new QueueWatcher.Place(1, 120))
			.verifyComplete();
		this.watcher.placeNow(early)
			.as(StepVerifier::create)
			.expectNext(new QueueWatcher.Place(2, 240))
			.verifyComplete();
		this.watcher.placeNow(later)
			.as(StepVerifier::create)
			.expectNext(new QueueWatcher.Place(3, 360))
			.verifyComplete();
	}

	@Test
	void aConversationNoLongerInTheQueueIsFirstInLineWithNoWait() {
		this.watcher.placeNow(UUID.randomUUID().toString())
			.as(StepVerifier::create)
			.expectNext(new QueueWatcher.Place(1, 0))
			.verifyComplete();
	}

	@Test
	void placeNowEstimatesFromTheRecentServiceRate() {
		long now = System.currentTimeMillis();
		for (int i = 0; i < 6; i++) {
			TestBackends.get().redis().zadd("{uw}:served", now - i * 1000, "served-" + i);
		}
		enqueue(Intake.none());
		String second = enqueue(Intake.none());
		// Six served in the 30-minute window: 300 seconds per place.
		this.watcher.placeNow(second)
			.as(StepVerifier::create)
			.expectNext(new QueueWatcher.Place(2, 600))
			.verifyComplete();
	}

	private String enqueue(Intake intake) {
		VisitorSessions sessions = this.app.bean(VisitorSessions.class);
		return sessions.create("nl", null)
			.flatMap((created) -> sessions.authenticate(created.resumeToken()))
			.flatMap((session) -> this.app.bean(QueueManagement.class).enqueue(session, intake))
			.ofType(EnqueueResult.Queued.class)
			.map(EnqueueResult.Queued::conversationId)
			.switchIfEmpty(Mono.error(() -> new AssertionError("not queued")))
			.block(Duration.ofSeconds(10));
	}

}
