package nl.uitweg.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.ProcessInstance;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fifty conversations of two hundred messages each way, on two instances, while one
 * instance is killed (SIGKILL) and started again twice and clients drop at random: every
 * acknowledged message arrives exactly once, in order.
 */
class InstanceDeathSoakIntegrationTests {

	private static final int CONVERSATIONS = Integer.getInteger("soak.conversations", 50);

	private static final int MESSAGES = Integer.getInteger("soak.messages", 200);

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void everyAcknowledgedMessageArrivesOnceInOrderThroughTwoInstanceDeaths() throws Exception {
		AppInstance stable = AppInstance.shared("A");
		try (ProcessInstance doomed = ProcessInstance.start("soak-doomed", Map.of())) {
			List<List<Integer>> ports = List.of(List.of(doomed.port(), stable.port()),
					List.of(stable.port(), doomed.port()));
			SoakHarness soak = new SoakHarness(stable, "soak-", CONVERSATIONS, ports, 0.005);
			int[] deaths = { 0 };
			long started = System.nanoTime();
			soak.run(MESSAGES, Duration.ofSeconds(Integer.getInteger("soak.seconds", 240)), () -> {
				for (int round = 0; round < 2; round++) {
					pause(Duration.ofMillis(1500));
					doomed.kill();
					deaths[0]++;
					pause(Duration.ofMillis(1000));
					doomed.restart();
				}
			});
			soak.assertExactlyOnceInOrder(MESSAGES);
			System.out.printf(
					"Soak: %d conversations x %d messages each way, %d instance deaths, %d reconnections,"
							+ " %.1f s%n",
					CONVERSATIONS, MESSAGES, deaths[0], soak.reconnections(), (System.nanoTime() - started) / 1e9);
			assertThat(deaths[0]).isEqualTo(2);
			assertThat(soak.reconnections()).as("clients had to reconnect").isPositive();
		}
	}

	static void pause(Duration duration) {
		await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
	}

}
