package nl.uitweg.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One side of a conversation that writes without waiting, as a fast typist on a flaky
 * network does: every message goes out at once under its own client id, {@code sent} and
 * {@code error} frames are recorded as they come, and when the server closes the socket
 * it reconnects (to the next port), resumes after the highest seq it holds without a gap
 * and resends every unacknowledged message under the same client id, in the order they
 * were first sent. It records what the user would see from the other side.
 */
public final class PipelinedParty implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration RECONNECT_PAUSE = Duration.ofMillis(200);

	private final boolean visitor;

	private final String conversationId;

	private final String credential;

	private final List<Integer> ports;

	private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "pipelined-party-reconnect");
		thread.setDaemon(true);
		return thread;
	});

	/** Serialises sends: the JDK socket allows one outstanding send at a time. */
	private final Object sendLock = new Object();

	/** Client ids in the order they were first sent. */
	private final List<String> order = new ArrayList<>();

	private final Map<String, String> texts = new HashMap<>();

	private final Map<String, Long> firstSentNanos = new HashMap<>();

	private final Map<String, Long> ackNanos = new HashMap<>();

	/** The seq of each acknowledged client id, in the order the acknowledgements came. */
	private final LinkedHashMap<String, Long> acknowledged = new LinkedHashMap<>();

	private final List<JsonNode> errors = new ArrayList<>();

	/** Seqs this client knows of (delivered events and its own acknowledged messages). */
	private final TreeSet<Long> known = new TreeSet<>();

	/** What the user sees from the other side, by seq. */
	private final TreeMap<Long, String> shown = new TreeMap<>();

	private final List<String> problems = new ArrayList<>();

	private final List<String> closes = new ArrayList<>();

	private Connection current;

	private int connections;

	private int portIndex;

	private volatile boolean closing;

	public PipelinedParty(boolean visitor, String conversationId, String credential, List<Integer> ports) {
		this.visitor = visitor;
		this.conversationId = conversationId;
		this.credential = credential;
		this.ports = List.copyOf(ports);
	}

	/** One socket; frames of a socket that is no longer the current one are ignored. */
	private final class Connection implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private final Set<Long> seen = new HashSet<>();

		private long last;

		private WebSocket socket;

		/** Set once hello (or resume) and the resends went out: new sends may go too. */
		private boolean ready;

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				received(this, JSON.readTree(text));
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			lost(this, "closed " + statusCode + " " + reason);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			lost(this, "failed " + error);
		}

	}

	private String tag() {
		return this.visitor ? "v" : "c";
	}

	/** Connects (retrying until it works) and resumes after what this client holds. */
	public void connect() {
		this.reconnector.execute(this::attempt);
	}

	/** Sends message {@code i} now, or on the next connection if there is none. */
	public void send(int i) {
		String clientMsgId = tag() + "-" + this.conversationId.substring(0, 8) + "-" + i;
		String text = tag() + "-" + i;
		synchronized (this.sendLock) {
			Connection connection;
			synchronized (this) {
				this.order.add(clientMsgId);
				this.texts.put(clientMsgId, text);
				this.firstSentNanos.put(clientMsgId, System.nanoTime());
				connection = (this.current != null && this.current.ready) ? this.current : null;
			}
			if (connection != null) {
				sendMessage(connection, clientMsgId);
			}
		}
	}

	private void attempt() {
		if (this.closing) {
			return;
		}
		int port = this.ports.get(this.portIndex++ % this.ports.size());
		Connection connection = new Connection();
		synchronized (this) {
			this.current = connection;
		}
		try {
			var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3));
			if (!this.visitor) {
				builder.header("Cookie", "SESSION=" + this.credential);
			}
			String path = this.visitor ? "/ws/visitor" : "/ws/counsellor";
			connection.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), connection)
				.orTimeout(5, TimeUnit.SECONDS)
				.join();
			synchronized (this.sendLock) {
				long lastSeq = contiguous();
				if (this.visitor) {
					sendFrame(connection, Map.of("type", "hello", "token", this.credential, "lastSeq", lastSeq));
				}
				else {
					sendFrame(connection, Map.of("type", "resume", "conversations",
							List.of(Map.of("conversationId", this.conversationId, "lastSeq", lastSeq))));
				}
				for (String clientMsgId : unacknowledged()) {
					sendMessage(connection, clientMsgId);
				}
				synchronized (this) {
					connection.ready = true;
					this.connections++;
				}
			}
		}
		catch (RuntimeException ex) {
			lost(connection, "could not connect to " + port + ": " + ex);
		}
	}

	private void sendMessage(Connection connection, String clientMsgId) {
		Map<String, Object> frame = new HashMap<>(
				Map.of("type", "message", "clientMsgId", clientMsgId, "text", this.texts.get(clientMsgId)));
		if (!this.visitor) {
			frame.put("conversationId", this.conversationId);
		}
		sendFrame(connection, frame);
	}

	private void sendFrame(Connection connection, Map<String, ?> frame) {
		try {
			connection.socket.sendText(JSON.writeValueAsString(frame), true).orTimeout(5, TimeUnit.SECONDS).join();
		}
		catch (RuntimeException ex) {
			// The listener hears nothing of an abort: report the loss here.
			connection.socket.abort();
			lost(connection, "send failed: " + ex);
		}
	}

	private synchronized void received(Connection connection, JsonNode frame) {
		if (connection != this.current) {
			return;
		}
		if (!this.visitor && frame.has("conversationId")
				&& !this.conversationId.equals(frame.path("conversationId").asString())) {
			return;
		}
		switch (frame.path("type").asString()) {
			case "sent" -> {
				String clientMsgId = frame.path("clientMsgId").asString();
				long seq = frame.path("seq").asLong();
				Long before = this.acknowledged.putIfAbsent(clientMsgId, seq);
				if (before == null) {
					this.ackNanos.put(clientMsgId, System.nanoTime());
				}
				else if (before != seq) {
					this.problems.add(clientMsgId + " acknowledged with two seqs: " + before + " and " + seq);
				}
				this.known.add(seq);
			}
			case "message" -> {
				long seq = frame.path("seq").asLong();
				if (!connection.seen.add(seq)) {
					this.problems.add("seq " + seq + " delivered twice on one connection");
				}
				if (seq <= connection.last) {
					this.problems.add("seq " + seq + " after " + connection.last + " on one connection");
				}
				connection.last = seq;
				this.known.add(seq);
				String from = frame.path("from").asString();
				if (this.visitor ? "counsellor".equals(from) : "visitor".equals(from)) {
					String before = this.shown.putIfAbsent(seq, frame.path("text").asString());
					if (before != null && !before.equals(frame.path("text").asString())) {
						this.problems.add("seq " + seq + " delivered with two texts");
					}
				}
			}
			case "error" -> this.errors.add(frame);
			case "ended" -> this.problems.add("conversation ended: " + frame.path("reason").asString());
			default -> {
				// Every sequenced event counts toward the seq a client resumes after.
				if (frame.path("seq").isNumber()) {
					this.known.add(frame.path("seq").asLong());
				}
			}
		}
	}

	private void lost(Connection connection, String why) {
		synchronized (this) {
			if (connection != this.current) {
				return;
			}
			this.current = null;
			this.closes.add(why);
		}
		if (!this.closing) {
			this.reconnector.schedule(this::attempt, RECONNECT_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
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

	/** True once connected and the hello (or resume) went out. */
	public synchronized boolean ready() {
		return this.current != null && this.current.ready;
	}

	/** True when the replay of the conversation so far has come in. */
	public synchronized boolean caughtUp(long seq) {
		return contiguous() >= seq;
	}

	public synchronized List<String> unacknowledged() {
		return this.order.stream().filter((id) -> !this.acknowledged.containsKey(id)).toList();
	}

	/**
	 * Every message sent is answered: by its {@code sent}, or (counting error frames,
	 * which need not name their message) by an error.
	 */
	public synchronized boolean settled() {
		return unacknowledged().size() <= this.errors.size();
	}

	/** The acknowledged seqs, in the order the messages were first sent. */
	public synchronized List<Long> seqsInSendOrder() {
		return this.order.stream().filter(this.acknowledged::containsKey).map(this.acknowledged::get).toList();
	}

	/** The seq each text was acknowledged under. */
	public synchronized Map<String, Long> seqByText() {
		Map<String, Long> byText = new HashMap<>();
		this.acknowledged.forEach((id, seq) -> byText.put(this.texts.get(id), seq));
		return byText;
	}

	/** The seq each text from the other side was shown under. */
	public synchronized Map<String, Long> shownSeqByText() {
		Map<String, Long> byText = new HashMap<>();
		this.shown.forEach((seq, text) -> byText.put(text, seq));
		return byText;
	}

	public synchronized List<String> shownTexts() {
		return new ArrayList<>(this.shown.values());
	}

	public synchronized List<JsonNode> errors() {
		return List.copyOf(this.errors);
	}

	public synchronized List<String> problems() {
		return List.copyOf(this.problems);
	}

	public synchronized int connections() {
		return this.connections;
	}

	/** The longest wait from first sending a message to its {@code sent}. */
	public synchronized Duration maxAckDelay() {
		long max = 0;
		for (Map.Entry<String, Long> ack : this.ackNanos.entrySet()) {
			max = Math.max(max, ack.getValue() - this.firstSentNanos.get(ack.getKey()));
		}
		return Duration.ofNanos(max);
	}

	/** A one-line account for failure messages. */
	public synchronized String state() {
		return tag() + " sent=" + this.order.size() + " acked=" + this.acknowledged.size() + " unacked="
				+ unacknowledged() + " errors=" + this.errors + " shown=" + this.shown.size() + " contiguous="
				+ contiguous() + " connections=" + this.connections + " closes=" + this.closes + " problems="
				+ this.problems;
	}

	@Override
	public void close() {
		this.closing = true;
		this.reconnector.shutdownNow();
		Connection connection;
		synchronized (this) {
			connection = this.current;
			this.current = null;
		}
		if (connection != null && connection.socket != null) {
			connection.socket.abort();
		}
	}

}
