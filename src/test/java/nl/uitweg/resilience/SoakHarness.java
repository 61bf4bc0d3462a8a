package nl.uitweg.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import reactor.core.publisher.Flux;

import nl.uitweg.counsellor.Role;
import nl.uitweg.counsellor.StaffDirectory;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.SoakParty;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens many conversations, then has both sides of each send numbered messages while the
 * caller breaks things, and checks that every acknowledged message reached the other side
 * exactly once and in order.
 */
final class SoakHarness {

	private final List<SoakParty> visitors = new ArrayList<>();

	private final List<SoakParty> counsellors = new ArrayList<>();

	/**
	 * Opens {@code count} accepted conversations through {@code setup}; parties then use
	 * {@code ports}.
	 */
	SoakHarness(AppInstance setup, String prefix, int count, List<List<Integer>> ports, double dropChance) {
		StaffDirectory directory = setup.bean(StaffDirectory.class);
		Flux.range(0, count)
			.flatMap((k) -> directory.find(prefix + k)
				.switchIfEmpty(directory.create(prefix + k, "password-soak", "Soak " + k, Set.of(Role.COUNSELLOR), 1)),
					8)
			.then()
			.block(Duration.ofSeconds(120));
		for (int k = 0; k < count; k++) {
			StaffLogin login = StaffLogin.of(setup.port(), prefix + k, "password-soak");
			String conversationId;
			String token;
			try (WsClient counsellor = WsClient.counsellor(setup.port(), login);
					Visitor visitor = Visitor.connect(setup.port())) {
				counsellor.expect("welcome");
				counsellor.send(Map.of("type", "availability", "status", "available"));
				counsellor.expect("availability");
				conversationId = visitor.start();
				counsellor.expect("offer", (f) -> true);
				counsellor.send(Map.of("type", "accept", "conversationId", conversationId));
				counsellor.expect("assigned");
				visitor.ws().expect("assigned");
				token = visitor.token();
			}
			List<Integer> order = ports.get(k % ports.size());
			this.visitors.add(new SoakParty(true, conversationId, token, order, dropChance));
			this.counsellors.add(new SoakParty(false, conversationId, login.session(),
					List.of(order.get(order.size() - 1), order.get(0)), dropChance));
		}
	}

	/** Runs the exchange of {@code messages} each way; {@code chaos} runs alongside. */
	void run(int messages, Duration limit, Runnable chaos) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		List<SoakParty> all = new ArrayList<>(this.visitors);
		all.addAll(this.counsellors);
		ExecutorService pool = Executors.newFixedThreadPool(all.size() + 1);
		try {
			Future<?> chaosDone = pool.submit(chaos);
			List<Future<?>> parties = new ArrayList<>();
			for (SoakParty party : all) {
				parties.add(pool.submit(() -> {
					party.sendAll(messages, deadline);
					party.awaitShown(messages, deadline);
				}));
			}
			for (Future<?> party : parties) {
				try {
					party.get(limit.toSeconds(), TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ex) {
					throw new AssertionError("Soak did not finish: " + describe(), ex);
				}
			}
			chaosDone.get(limit.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
			all.forEach(SoakParty::close);
		}
	}

	/**
	 * Every message reached the other side once, in order; nothing was seen twice on a
	 * connection.
	 */
	void assertExactlyOnceInOrder(int messages) {
		List<String> fromVisitor = IntStream.range(0, messages).mapToObj((i) -> "v-" + i).toList();
		List<String> fromCounsellor = IntStream.range(0, messages).mapToObj((i) -> "c-" + i).toList();
		for (int k = 0; k < this.visitors.size(); k++) {
			SoakParty visitor = this.visitors.get(k);
			SoakParty counsellor = this.counsellors.get(k);
			assertThat(visitor.problems()).as("visitor %d", k).isEmpty();
			assertThat(counsellor.problems()).as("counsellor %d", k).isEmpty();
			assertThat(visitor.shownTexts()).as("visitor %d sees", k).containsExactlyElementsOf(fromCounsellor);
			assertThat(counsellor.shownTexts()).as("counsellor %d sees", k).containsExactlyElementsOf(fromVisitor);
		}
	}

	private String describe() {
		StringBuilder out = new StringBuilder();
		for (int k = 0; k < this.visitors.size(); k++) {
			out.append("\n#")
				.append(k)
				.append(" visitor ")
				.append(this.visitors.get(k).state())
				.append(" | counsellor ")
				.append(this.counsellors.get(k).state());
		}
		return out.toString();
	}

	int reconnections() {
		int total = 0;
		for (SoakParty party : this.visitors) {
			total += party.connections() - 1;
		}
		for (SoakParty party : this.counsellors) {
			total += party.connections() - 1;
		}
		return total;
	}

}
