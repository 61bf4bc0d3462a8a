package nl.uitweg.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The baselines: a WebSocket relay with no business logic. Two clients of a pair connect
 * to {@code /relay/{pair}/{side}} ({@code v} or {@code c}) and each text frame goes to
 * the other side unchanged. Without a Redis URL it relays in memory (the raw limit); with
 * one it publishes each frame on the peer's Redis channel and delivers what arrives on
 * its own, so the two sides may sit on two relay processes (the pub/sub limit). The first
 * frame a client gets is {@code ready}: the relay listens for it from then on.
 */
public final class RelayServer implements AutoCloseable {

	private final Map<String, Sinks.Many<String>> local = new ConcurrentHashMap<>();

	private final DisposableServer server;

	private RedisClient redis;

	private StatefulRedisConnection<String, String> publisher;

	private StatefulRedisPubSubConnection<String, String> subscriber;

	private RelayServer(int port, String redisUrl) {
		if (redisUrl != null) {
			this.redis = RedisClient.create(redisUrl);
			this.publisher = this.redis.connect();
			this.subscriber = this.redis.connectPubSub();
			this.subscriber.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					Sinks.Many<String> sink = RelayServer.this.local.get(channel);
					if (sink != null) {
						sink.tryEmitNext(message);
					}
				}
			});
		}
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.get("/relay/{pair}/{side}", (request, response) -> {
				String pair = request.param("pair");
				String side = request.param("side");
				return response.sendWebsocket((in, out) -> relay(pair, side, in.receive().asString(), out));
			}))
			.bindNow();
	}

	private org.reactivestreams.Publisher<Void> relay(String pair, String side, reactor.core.publisher.Flux<String> in,
			reactor.netty.http.websocket.WebsocketOutbound out) {
		String me = "relay:" + pair + ":" + side;
		String peer = "relay:" + pair + ":" + ("v".equals(side) ? "c" : "v");
		Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
		this.local.put(me, sink);
		Mono<Void> listening = (this.subscriber != null)
				? Mono.fromCompletionStage(this.subscriber.async().subscribe(me).toCompletableFuture()).then()
				: Mono.empty();
		Mono<Void> receive = in.doOnNext((text) -> forward(peer, text)).then();
		Mono<Void> send = out.sendString(sink.asFlux()).then();
		return listening.doOnSuccess((v) -> sink.tryEmitNext("ready"))
			.then(Mono.when(receive, send))
			.doFinally((signal) -> {
				this.local.remove(me, sink);
				if (this.subscriber != null) {
					this.subscriber.async().unsubscribe(me);
				}
			});
	}

	private void forward(String peer, String text) {
		if (this.publisher != null) {
			this.publisher.async().publish(peer, text);
		}
		else {
			Sinks.Many<String> sink = this.local.get(peer);
			if (sink != null) {
				sink.tryEmitNext(text);
			}
		}
	}

	/** A relay in this JVM (the smoke run). */
	static RelayServer start(int port, String redisUrl) {
		return new RelayServer(port, redisUrl);
	}

	int port() {
		return this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		if (this.redis != null) {
			this.subscriber.close();
			this.publisher.close();
			this.redis.shutdown();
		}
	}

	/**
	 * {@code RelayServer PORT [REDIS_URL]}: a relay process of its own (the full run).
	 */
	public static void main(String[] args) throws InterruptedException {
		RelayServer relay = new RelayServer(Integer.parseInt(args[0]), (args.length > 1) ? args[1] : null);
		Runtime.getRuntime().addShutdownHook(new Thread(relay::close));
		relay.server.onDispose().block();
	}

}
