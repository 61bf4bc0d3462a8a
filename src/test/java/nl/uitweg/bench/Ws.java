package nl.uitweg.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * One load-generator WebSocket (Reactor Netty): text frames out through a sink, every
 * text frame in to a callback on the event loop. Sends never wait for a reply, so the
 * load stays open-loop. Pings are answered by Reactor Netty itself.
 */
final class Ws {

	/**
	 * Event loops of their own, so the generator does not share the app's in-JVM loops.
	 */
	private static final LoopResources LOOPS = LoopResources.create("bench-ws", 2, true);

	private static final HttpClient CLIENT = HttpClient.create(ConnectionProvider.newConnection())
		.runOn(LOOPS)
		.responseTimeout(Duration.ofSeconds(30));

	private final Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.One<Ws> ready = Sinks.one();

	private final Sinks.Empty<Void> closed = Sinks.empty();

	private volatile Connection connection;

	private Ws() {
	}

	/**
	 * Connects on subscription. The connection is handed downstream on the event loop
	 * before the first frame is read, so a caller can keep it before its callback runs.
	 */
	static Mono<Ws> connect(String uri, Map<String, String> headers, Consumer<String> onText) {
		return Mono.defer(() -> open(uri, headers, onText));
	}

	private static Mono<Ws> open(String uri, Map<String, String> headers, Consumer<String> onText) {
		Ws ws = new Ws();
		CLIENT.headers((h) -> headers.forEach(h::set))
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
			.uri(uri)
			.handle((in, outbound) -> {
				in.withConnection((c) -> ws.connection = c);
				ws.ready.tryEmitValue(ws);
				Mono<Void> receive = in.receive().asString().doOnNext(onText).then();
				Mono<Void> send = outbound.sendString(ws.out.asFlux()).then();
				return Mono.when(receive, send);
			})
			.doFinally((signal) -> ws.closed.tryEmitEmpty())
			.subscribe(null, (error) -> ws.ready.tryEmitError(error));
		return ws.ready.asMono().timeout(Duration.ofSeconds(60));
	}

	/** Thread-safe: several senders may share a connection (a counsellor's console). */
	synchronized void send(String text) {
		this.out.tryEmitNext(text);
	}

	/** Drops the TCP connection without a close frame, as a lost network does. */
	void drop() {
		Connection c = this.connection;
		if (c != null) {
			c.dispose();
		}
	}

	/** Ends the send side; the server's close frame follows. */
	void close() {
		drop();
	}

	Mono<Void> closed() {
		return this.closed.asMono();
	}

}
