package nl.uitweg.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * A real WebSocket client (the JDK's, independent of the server's Reactor Netty) speaking
 * the JSON frames a browser sends. Received frames are kept; {@link #expect} takes the
 * first unread frame of a type, waiting a bounded time.
 */
public final class WsClient implements AutoCloseable {

	public static final Duration WAIT = Duration.ofSeconds(15);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<JsonNode> unread = new ArrayList<>();

	private final List<JsonNode> all = new ArrayList<>();

	private final AtomicReference<@Nullable CloseStatus> closeStatus = new AtomicReference<>();

	private volatile boolean closed;

	private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	private final WebSocket socket;

	private WsClient(int port, String path, HttpHeaders headers) {
		URI uri = URI.create("ws://127.0.0.1:" + port + path);
		// A client per connection: a shared one can be left unusable by an aborted
		// socket.
		var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
		headers.forEach((name, values) -> values.forEach((value) -> builder.header(name, value)));
		this.socket = builder.buildAsync(uri, new Listener()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				received(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WsClient.this.closeStatus.set(new CloseStatus(statusCode, reason));
			markClosed();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WsClient.this.failure.set(error);
			markClosed();
		}

	}

	private void markClosed() {
		synchronized (this.unread) {
			this.closed = true;
			this.unread.notifyAll();
		}
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

	public synchronized WsClient sendRaw(String text) {
		this.socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
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
					throw new AssertionError("Expected " + description + " but received " + this.all + (this.closed
							? " and the connection closed with " + this.closeStatus.get() + " " + this.failure.get()
							: ""));
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
		if (!this.closed && !this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
				.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
				.exceptionally((ex) -> null)
				.join();
		}
		this.socket.abort();
	}

	/** Drops the connection without a close frame, like a phone losing its network. */
	public void drop() {
		this.socket.abort();
	}

}
