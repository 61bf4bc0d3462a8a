package nl.uitweg.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import reactor.core.publisher.Flux;

/**
 * Uitweg as a chat system: visitors on instance A, counsellors (accepting every offer) on
 * instance B, so every message crosses instances through Redis.
 */
final class UitwegChat implements ChatSystem {

	private final int visitorPort;

	private final int counsellorPort;

	private final int capacity;

	private final List<BenchProcess> processes;

	private final List<Console> consoles = new ArrayList<>();

	private final List<VisitorClient> visitors = new ArrayList<>();

	UitwegChat(int visitorPort, int counsellorPort, int capacity, List<BenchProcess> processes) {
		this.visitorPort = visitorPort;
		this.counsellorPort = counsellorPort;
		this.capacity = capacity;
		this.processes = processes;
	}

	@Override
	public String name() {
		return "uitweg";
	}

	@Override
	public List<Consumer<String>> open(int pairs, Consumer<String> receiver) {
		this.consoles.addAll(
				consoles(this.counsellorPort, (pairs + this.capacity - 1) / this.capacity, this.capacity, receiver));
		this.visitors.addAll(Flux.range(0, pairs)
			.flatMap((i) -> VisitorClient.connect(this.visitorPort)
				.flatMap(VisitorClient::start)
				.flatMap(VisitorClient::assigned), 16)
			.collectList()
			.block(VisitorClient.wait(pairs)));
		List<Consumer<String>> senders = new ArrayList<>();
		this.visitors.forEach((visitor) -> senders.add(visitor::message));
		return senders;
	}

	/** New counsellor accounts, signed in on the given instance and available. */
	static List<Console> consoles(int port, int count, int capacity, Consumer<String> receiver) {
		String prefix = "b" + UUID.randomUUID().toString().substring(0, 8) + "-";
		List<String> names = IntStream.range(0, count).mapToObj((i) -> prefix + i).toList();
		Console.createAccounts(port, names, capacity);
		return Flux.fromIterable(names)
			.flatMap((name) -> reactor.core.publisher.Mono.fromCallable(() -> Console.open(port, name, receiver))
				.subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 8)
			.collectList()
			.block(Duration.ofMinutes(5));
	}

	List<VisitorClient> visitors() {
		return this.visitors;
	}

	List<Console> consoles() {
		return this.consoles;
	}

	@Override
	public void closePairs() {
		this.visitors.forEach(VisitorClient::leave);
		Bench.pause(500);
		this.visitors.forEach(VisitorClient::close);
		this.consoles.forEach(Console::close);
		this.visitors.clear();
		this.consoles.clear();
	}

	@Override
	public List<BenchProcess> processes() {
		return this.processes;
	}

}
