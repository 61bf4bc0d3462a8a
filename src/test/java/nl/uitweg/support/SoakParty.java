package nl.uitweg.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One side of a conversation in a soak run, behaving like a real client on a bad network:
 * it sends numbered messages, resends the same client id until acknowledged, drops its
 * connection at random, reconnects to whichever instance answers and resumes after the
 * highest seq it has without a gap. It records what the user would see.
 */
public final class SoakParty implements WebSocket.Listener {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final boolean visitor;

	private final String conversationId;

	private final String credential;

	private final List<Integer> ports;

	private final double dropChance;

	/** Seqs this client knows of (delivered messages and its own acknowledged ones). */
	private final TreeSet<Long> known = new TreeSet<>();

	/** What the user sees from the other side, by seq. */
	private final TreeMap<Long, String> shown = new TreeMap<>();

	private final Map<String, Long> acknowledged = new HashMap<>();

	private final Set<Long> seenOnThisConnection = new HashSet<>();

	private final List<String> problems = new ArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private WebSocket socket;

	private long lastOnThisConnection;

	private int connections;

	private int portIndex;

	public SoakParty(boolean visitor, String conversationId, String credential, List<Integer> ports,
			double dropChance) {
		this.visitor = visitor;
		this.conversationId = conversationId;
		this.credential = credential;
		this.ports = ports;
		this.dropChance = dropChance;
	}

	private String tag() {
		return this.visitor ? "v" : "c";
	}

	/** Sends {@code count} messages, each until acknowledged. */
	public void sendAll(int count, long deadlineNanos) {
		for (int i = 0; i < count; i++) {
			String clientMsgId = tag() + "-" + this.conversationId + "-" + i;
			String text = tag() + "-" + i;
			while (!isAcknowledged(clientMsgId)) {
				checkDeadline(deadlineNanos, "sending " + clientMsgId);
				WebSocket ws = ensureConnected(deadlineNanos);
				if (ThreadLocalRandom.current().nextDouble() < this.dropChance) {
					drop(ws);
					continue;
				}
				Map<String, Object> frame = new HashMap<>(
						Map.of("type", "message", "clientMsgId", clientMsgId, "text", text));
				if (!this.visitor) {
					frame.put("conversationId", this.conversationId);
				}
				send(ws, frame);
				awaitAcknowledged(clientMsgId, 2000);
			}
		}
	}

	/** Waits until the user sees {@code count} messages from the other side. */
	public void awaitShown(int count, long deadlineNanos) {
		while (shownCount() < count) {
			checkDeadline(deadlineNanos, "waiting for messages, have " + shownCount());
			ensureConnected(deadlineNanos);
			synchronized (this) {
				if (this.shown.size() < count) {
					waitQuietly(500);
				}
			}
		}
	}

	public synchronized List<String> shownTexts() {
		return new ArrayList<>(this.shown.values());
	}

	public synchronized List<String> problems() {
		return new ArrayList<>(this.problems);
	}

	/** A one-line account for failure messages. */
	public synchronized String state() {
		return this.conversationId.substring(0, 8) + " acked=" + this.acknowledged.size() + " shown="
				+ this.shown.size() + " known=" + this.known.size() + " contiguous=" + contiguous() + " connections="
				+ this.connections + " connected=" + (this.socket != null) + " problems=" + this.problems;
	}

	public synchronized int connections() {
		return this.connections;
	}

	private synchronized int shownCount() {
		return this.shown.size();
	}

	private synchronized boolean isAcknowledged(String clientMsgId) {
		return this.acknowledged.containsKey(clientMsgId);
	}

	private synchronized void awaitAcknowledged(String clientMsgId, long millis) {
		long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		while (!this.acknowledged.containsKey(clientMsgId) && this.socket != null) {
			long left = end - System.nanoTime();
			if (left <= 0) {
				return;
			}
			waitQuietly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
		}
	}

	private void checkDeadline(long deadlineNanos, String doing) {
		if (System.nanoTime() > deadlineNanos) {
			throw new AssertionError("Soak party " + tag() + " of " + this.conversationId + " ran out of time " + doing
					+ "; problems " + problems());
		}
	}

	private WebSocket ensureConnected(long deadlineNanos) {
		while (true) {
			synchronized (this) {
				if (this.socket != null) {
					return this.socket;
				}
			}
			checkDeadline(deadlineNanos, "reconnecting");
			int port = this.ports.get(this.portIndex++ % this.ports.size());
			try {
				var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3));
				if (!this.visitor) {
					builder.header("Cookie", "SESSION=" + this.credential);
				}
				String path = this.visitor ? "/ws/visitor" : "/ws/counsellor";
				WebSocket ws;
				synchronized (this) {
					this.seenOnThisConnection.clear();
					this.lastOnThisConnection = 0;
				}
				ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), this)
					.orTimeout(5, TimeUnit.SECONDS)
					.join();
				long lastSeq = contiguous();
				if (this.visitor) {
					send(ws, Map.of("type", "hello", "token", this.credential, "lastSeq", lastSeq));
				}
				else {
					send(ws, Map.of("type", "resume", "conversations",
							List.of(Map.of("conversationId", this.conversationId, "lastSeq", lastSeq))));
				}
				synchronized (this) {
					this.socket = ws;
					this.connections++;
				}
			}
			catch (RuntimeException ex) {
				synchronized (this) {
					waitQuietly(150);
				}
			}
		}
	}

	private synchronized long contiguous() {
		long last = 0;
		for (long seq : this.known) {
			if (seq != last + 1) {
				break;
			}
			last = seq;
		}
		return last;
	}

	private void send(WebSocket ws, Map<String, ?> frame) {
		try {
			ws.sendText(JSON.writeValueAsString(frame), true).orTimeout(5, TimeUnit.SECONDS).join();
		}
		catch (RuntimeException ex) {
			drop(ws);
		}
	}

	/** Cuts the connection like a lost network (abort() tells the listener nothing). */
	private void drop(WebSocket ws) {
		ws.abort();
		lost(ws);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			handle(webSocket, JSON.readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	private synchronized void handle(WebSocket webSocket, JsonNode frame) {
		if (webSocket != this.socket && this.socket != null) {
			return;
		}
		String type = frame.path("type").asString();
		if (!this.visitor && frame.has("conversationId")
				&& !this.conversationId.equals(frame.path("conversationId").asString())) {
			return;
		}
		switch (type) {
			case "sent" -> {
				long seq = frame.path("seq").asLong();
				Long before = this.acknowledged.putIfAbsent(frame.path("clientMsgId").asString(), seq);
				if (before != null && before != seq) {
					this.problems.add("same client id, two seqs: " + before + " and " + seq);
				}
				this.known.add(seq);
			}
			case "message" -> {
				long seq = frame.path("seq").asLong();
				if (!this.seenOnThisConnection.add(seq)) {
					this.problems.add("seq " + seq + " delivered twice on one connection");
				}
				if (seq <= this.lastOnThisConnection) {
					this.problems.add("seq " + seq + " after " + this.lastOnThisConnection + " on one connection");
				}
				this.lastOnThisConnection = seq;
				this.known.add(seq);
				String from = frame.path("from").asString();
				boolean fromOther = this.visitor ? "counsellor".equals(from) : "visitor".equals(from);
				if (fromOther) {
					this.shown.putIfAbsent(seq, frame.path("text").asString());
				}
			}
			case "ended" -> this.problems.add("conversation ended: " + frame.path("reason").asString());
			default -> {
				// Every sequenced event counts toward the seq the client resumes after.
				if (frame.path("seq").isNumber()) {
					this.known.add(frame.path("seq").asLong());
				}
			}
		}
		notifyAll();
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		lost(webSocket);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		lost(webSocket);
	}

	private synchronized void lost(WebSocket webSocket) {
		if (this.socket == webSocket) {
			this.socket = null;
		}
		notifyAll();
	}

	public synchronized void close() {
		if (this.socket != null) {
			drop(this.socket);
		}
	}

	private void waitQuietly(long millis) {
		try {
			wait(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

}
