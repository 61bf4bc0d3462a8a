package nl.uitweg.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** A baseline relay (RelayServer) as a chat system: raw in memory, or through Redis. */
final class RelayChat implements ChatSystem {

	private static final AtomicInteger PAIRS = new AtomicInteger();

	private final String name;

	private final int visitorPort;

	private final int counsellorPort;

	private final List<BenchProcess> processes;

	private final List<AutoCloseable> inJvm;

	private final List<Ws> sockets = new ArrayList<>();

	RelayChat(String name, int visitorPort, int counsellorPort, List<BenchProcess> processes,
			List<AutoCloseable> inJvm) {
		this.name = name;
		this.visitorPort = visitorPort;
		this.counsellorPort = counsellorPort;
		this.processes = processes;
		this.inJvm = inJvm;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public List<Consumer<String>> open(int pairs, Consumer<String> receiver) {
		List<Ws> senders = Flux.range(0, pairs).flatMapSequential((i) -> {
			int pair = PAIRS.incrementAndGet();
			return side(this.counsellorPort, pair, "c", receiver).then(side(this.visitorPort, pair, "v", (text) -> {
			}));
		}, 16).collectList().block(VisitorClient.wait(pairs));
		List<Consumer<String>> out = new ArrayList<>();
		senders.forEach((ws) -> out.add(ws::send));
		return out;
	}

	private Mono<Ws> side(int port, int pair, String side, Consumer<String> receiver) {
		Sinks.One<Boolean> ready = Sinks.one();
		return Ws.connect("ws://127.0.0.1:" + port + "/relay/" + pair + "/" + side, Map.of(), (text) -> {
			if ("ready".equals(text)) {
				ready.tryEmitValue(true);
			}
			else {
				receiver.accept(text);
			}
		}).flatMap((ws) -> {
			synchronized (this.sockets) {
				this.sockets.add(ws);
			}
			return ready.asMono().timeout(Duration.ofSeconds(30)).thenReturn(ws);
		});
	}

	@Override
	public void closePairs() {
		synchronized (this.sockets) {
			this.sockets.forEach(Ws::close);
			this.sockets.clear();
		}
	}

	@Override
	public List<BenchProcess> processes() {
		return this.processes;
	}

	@Override
	public void close() {
		ChatSystem.super.close();
		this.inJvm.forEach((closeable) -> {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// shutting down
			}
		});
	}

}
