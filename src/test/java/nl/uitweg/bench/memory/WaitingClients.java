package nl.uitweg.bench.memory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many waiting visitors from one JVM at little cost: one shared JDK HTTP client (one
 * selector thread for all sockets), no frame kept. Each visitor creates a session over
 * REST, says hello, starts, and is counted once its first {@code queued} frame arrived;
 * after that frames are read and dropped (pings are answered by the JDK client).
 */
public final class WaitingClients implements AutoCloseable {

	/** Off (-Dstart=false): visitors only say hello, to measure a bare connection. */
	private static final boolean START = Boolean.parseBoolean(System.getProperty("start", "true"));

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final Pattern TOKEN = Pattern.compile("\"resumeToken\"\\s*:\\s*\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	private final List<WebSocket> sockets = new ArrayList<>();

	public WaitingClients(int port) {
		this.port = port;
	}

	public int size() {
		return this.sockets.size();
	}

	/** Connects visitors until {@code total} wait, a bounded number joining at once. */
	public void growTo(int total, int concurrency) {
		Semaphore inFlight = new Semaphore(concurrency);
		List<CompletableFuture<WebSocket>> joining = new ArrayList<>();
		for (int i = this.sockets.size(); i < total; i++) {
			inFlight.acquireUninterruptibly();
			joining.add(join().whenComplete((socket, ex) -> inFlight.release()));
		}
		for (CompletableFuture<WebSocket> join : joining) {
			this.sockets.add(join.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
		}
	}

	private CompletableFuture<WebSocket> join() {
		HttpRequest create = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/visitor/sessions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"locale\":\"nl\"}"))
			.build();
		return this.http.sendAsync(create, HttpResponse.BodyHandlers.ofString()).thenCompose((response) -> {
			Matcher token = TOKEN.matcher(response.body());
			if (response.statusCode() != 201 && response.statusCode() != 200 || !token.find()) {
				throw new IllegalStateException(
						"Session not created: " + response.statusCode() + " " + response.body());
			}
			Waiter waiter = new Waiter(token.group(1));
			return this.http.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/ws/visitor"), waiter)
				.thenCompose((socket) -> waiter.queued.thenApply((frame) -> socket));
		});
	}

	/** Hello, then start after the welcome; done at the first queued frame. */
	private static final class Waiter implements WebSocket.Listener {

		private final String token;

		private final CompletableFuture<String> queued = new CompletableFuture<>();

		private StringBuilder partial = new StringBuilder();

		Waiter(String token) {
			this.token = token;
		}

		@Override
		public void onOpen(WebSocket socket) {
			socket.sendText("{\"type\":\"hello\",\"token\":\"" + this.token + "\",\"lastSeq\":0}", true);
			socket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			if (!this.queued.isDone()) {
				this.partial.append(data);
				if (last) {
					String frame = this.partial.toString();
					this.partial.setLength(0);
					if (frame.contains("\"welcome\"") && !START) {
						this.partial = null;
						this.queued.complete(frame);
					}
					else if (frame.contains("\"welcome\"")) {
						socket.sendText("{\"type\":\"start\",\"intake\":{}}", true);
					}
					else if (frame.contains("\"queued\"")) {
						this.partial = null;
						this.queued.complete(frame);
					}
					else if (frame.contains("\"error\"") || frame.contains("\"closed\"")) {
						this.queued.completeExceptionally(new IllegalStateException("Refused: " + frame));
					}
				}
			}
			socket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
			this.queued.completeExceptionally(new IllegalStateException("Closed: " + statusCode + " " + reason));
			return null;
		}

		@Override
		public void onError(WebSocket socket, Throwable error) {
			this.queued.completeExceptionally(error);
		}

	}

	@Override
	public void close() {
		for (WebSocket socket : this.sockets) {
			socket.abort();
		}
		this.sockets.clear();
	}

}
