package nl.uitweg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The peer: two Socket.IO 4.8 processes with the Redis adapter (bench/socketio), spoken
 * to through a minimal Engine.IO v4 / Socket.IO v5 client over a plain WebSocket: open
 * packet {@code 0{...}}, namespace connect {@code 40}, events {@code 42[...]}, and a pong
 * {@code 3} for every ping {@code 2}.
 */
final class SocketIoChat implements ChatSystem {

	private static final AtomicInteger ROOMS = new AtomicInteger();

	private final List<BenchProcess> processes;

	private final List<Ws> sockets = new ArrayList<>();

	private SocketIoChat(List<BenchProcess> processes) {
		this.processes = processes;
	}

	/** Installs the peer's packages when missing (npm ci) and starts two servers. */
	static SocketIoChat start(String redisUrl) {
		Path directory = Path.of("bench", "socketio").toAbsolutePath();
		if (!Files.isDirectory(directory.resolve("node_modules"))) {
			run(directory, "npm", "ci", "--no-audit", "--no-fund");
		}
		List<BenchProcess> servers = new ArrayList<>();
		for (String name : List.of("socketio-1", "socketio-2")) {
			int port = Bench.freePort();
			servers.add(BenchProcess.start(name, port, List.of("node", "server.js", Integer.toString(port), redisUrl),
					directory));
		}
		return new SocketIoChat(servers);
	}

	private static void run(Path directory, String... command) {
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
			if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed in " + directory);
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String name() {
		return "socketio-peer";
	}

	@Override
	public List<Consumer<String>> open(int pairs, Consumer<String> receiver) {
		List<Ws> senders = Flux.range(0, pairs).flatMapSequential((i) -> {
			String room = "r" + ROOMS.incrementAndGet();
			// A join that is not confirmed within its timeout is tried again on a new
			// socket (once seen in a full run, after the rounds of 100 chats).
			return Mono.defer(() -> join(this.processes.get(1).port(), room, receiver))
				.retry(2)
				.then(Mono.defer(() -> join(this.processes.get(0).port(), room, (text) -> {
				})).retry(2));
		}, 16).collectList().block(VisitorClient.wait(pairs));
		List<Consumer<String>> out = new ArrayList<>();
		// An event: 42["m","text"]; the texts of the workload need no JSON escaping.
		senders.forEach((ws) -> out.add((text) -> ws.send("42[\"m\",\"" + text + "\"]")));
		return out;
	}

	private Mono<Ws> join(int port, String room, Consumer<String> receiver) {
		Sinks.One<Boolean> joined = Sinks.one();
		Ws[] self = new Ws[1];
		return Ws.connect("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket", Map.of(), (text) -> {
			if (text.startsWith("42[\"m\"")) {
				receiver.accept(text);
			}
			else if ("2".equals(text)) {
				self[0].send("3");
			}
			else if (text.startsWith("0{")) {
				self[0].send("40");
			}
			else if (text.startsWith("40")) {
				self[0].send("42[\"join\",\"" + room + "\"]");
			}
			else if (text.startsWith("42[\"joined\"")) {
				joined.tryEmitValue(true);
			}
		}).doOnNext((ws) -> {
			self[0] = ws;
			synchronized (this.sockets) {
				this.sockets.add(ws);
			}
		})
			.flatMap((ws) -> joined.asMono()
				.timeout(Duration.ofSeconds(30))
				.thenReturn(ws)
				// Closed, so that a late join cannot deliver the room's messages twice.
				.doOnError((ex) -> ws.close()));
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

}
