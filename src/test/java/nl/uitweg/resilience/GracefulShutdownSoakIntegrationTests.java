package nl.uitweg.resilience;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.ProcessInstance;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling upgrade's step: one of two instances gets SIGTERM while conversations send
 * both ways through it. It tells its clients to reconnect elsewhere (1012) and exits;
 * they resume on the other instance, and every acknowledged message arrives exactly once
 * and in order.
 */
class GracefulShutdownSoakIntegrationTests {

	private static final int CONVERSATIONS = Integer.getInteger("graceful.conversations", 20);

	private static final int MESSAGES = Integer.getInteger("graceful.messages", 150);

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void aStoppedInstanceSendsItsClientsElsewhereAndLosesNothing() throws Exception {
		AppInstance stable = AppInstance.shared("A");
		try (ProcessInstance stopping = ProcessInstance.start("graceful", Map.of())) {
			List<List<Integer>> ports = List.of(List.of(stopping.port(), stable.port()),
					List.of(stable.port(), stopping.port()));
			SoakHarness soak = new SoakHarness(stable, "graceful-", CONVERSATIONS, ports, 0.0);
			Duration[] took = { Duration.ZERO };
			soak.run(MESSAGES, Duration.ofSeconds(Integer.getInteger("graceful.seconds", 180)), () -> {
				InstanceDeathSoakIntegrationTests.pause(Duration.ofMillis(1500));
				took[0] = stopping.terminate(Duration.ofSeconds(60));
			});
			soak.assertExactlyOnceInOrder(MESSAGES);
			assertThat(stopping.alive()).as("exited after SIGTERM").isFalse();
			String log = Files.readString(stopping.logFile().toPath());
			assertThat(log).contains("told to reconnect elsewhere (1012)").contains("closed: 1012 service restart");
			System.out.printf(
					"Graceful shutdown soak: %d conversations x %d messages each way, %d reconnections,"
							+ " exited %d ms after SIGTERM%n",
					CONVERSATIONS, MESSAGES, soak.reconnections(), took[0].toMillis());
		}
	}

}
