package nl.uitweg.support;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * A real WebSocket client speaking the JSON frames a browser sends. Received frames are
 * kept; {@link #expect} takes the first unread frame of a type, waiting a bounded time.
 */
public final class WsClient implements AutoCloseable {

	public static final Duration WAIT = Duration.ofSeconds(15);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ReactorNettyWebSocketClient CLIENT = new ReactorNettyWebSocketClient();

	private final List<JsonNode> unread = new ArrayList<>();

	private final List<JsonNode> all = new ArrayList<>();

	private final Sinks.Many<String> outbox = Sinks.many().unicast().onBackpressureBuffer();

	private final AtomicReference<@Nullable WebSocketSession> session = new AtomicReference<>();

	private final AtomicReference<@Nullable CloseStatus> closeStatus = new AtomicReference<>();

	private volatile boolean closed;

	private final Disposable connection;

	private WsClient(int port, String path, HttpHeaders headers) {
		URI uri = URI.create("ws://127.0.0.1:" + port + path);
		this.connection = CLIENT.execute(uri, headers, (ws) -> {
			this.session.set(ws);
			ws.closeStatus().subscribe(this.closeStatus::set);
			Mono<Void> in = ws.receive().doOnNext((message) -> received(message.getPayloadAsText())).then();
			Mono<Void> out = ws.send(this.outbox.asFlux().map(ws::textMessage));
			return Mono.zip(in, out).then();
		}).doFinally((signal) -> {
			synchronized (this.unread) {
				this.closed = true;
				this.unread.notifyAll();
			}
		}).subscribe(null, (ex) -> {
		});
	}

	public static WsClient visitor(int port) {
		return new WsClient(port, "/ws/visitor", new HttpHeaders());
	}

	public static WsClient counsellor(int port, StaffLogin login) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, login.cookieHeader());
		return new WsClient(port, "/ws/counsellor", headers);
	}

	private void received(String text) {
		JsonNode frame = JSON.readTree(text);
		synchronized (this.unread) {
			this.unread.add(frame);
			this.all.add(frame);
			this.unread.notifyAll();
		}
	}

	public WsClient send(Map<String, ?> frame) {
		return sendRaw(JSON.writeValueAsString(frame));
	}

	public WsClient sendRaw(String text) {
		synchronized (this.outbox) {
			this.outbox.tryEmitNext(text);
		}
		return this;
	}

	/** The first unread frame of this type; fails after {@link #WAIT}. */
	public JsonNode expect(String type) {
		return expect((frame) -> type.equals(frame.path("type").asString()), "a '" + type + "' frame");
	}

	public JsonNode expect(String type, Predicate<JsonNode> condition) {
		return expect((frame) -> type.equals(frame.path("type").asString()) && condition.test(frame),
				"a matching '" + type + "' frame");
	}

	public JsonNode expect(Predicate<JsonNode> condition, String description) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		synchronized (this.unread) {
			while (true) {
				for (Iterator<JsonNode> it = this.unread.iterator(); it.hasNext();) {
					JsonNode frame = it.next();
					if (condition.test(frame)) {
						it.remove();
						return frame;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0 || this.closed) {
					throw new AssertionError("Expected " + description + " but received " + this.all
							+ (this.closed ? " and the connection closed with " + this.closeStatus.get() : ""));
				}
				try {
					this.unread.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted", ex);
				}
			}
		}
	}

	/** True if a frame of this type is among the unread frames right now. */
	public boolean hasUnread(String type) {
		synchronized (this.unread) {
			return this.unread.stream().anyMatch((frame) -> type.equals(frame.path("type").asString()));
		}
	}

	public List<JsonNode> all() {
		synchronized (this.unread) {
			return List.copyOf(this.all);
		}
	}

	/** Waits for the server to close the connection and returns the close status. */
	public @Nullable CloseStatus awaitClosed() {
		long deadline = System.nanoTime() + WAIT.toNanos();
		synchronized (this.unread) {
			while (!this.closed && System.nanoTime() < deadline) {
				try {
					this.unread.wait(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
		if (!this.closed) {
			throw new AssertionError("The connection did not close");
		}
		return this.closeStatus.get();
	}

	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public void close() {
		WebSocketSession ws = this.session.get();
		if (ws != null && ws.isOpen()) {
			ws.close().block(WAIT);
		}
		this.connection.dispose();
	}

}
