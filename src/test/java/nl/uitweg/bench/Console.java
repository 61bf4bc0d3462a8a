package nl.uitweg.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import reactor.core.publisher.Sinks;

import nl.uitweg.support.StaffLogin;

/**
 * A counsellor console of the load generator on /ws/counsellor (docs/protocol.md):
 * becomes available, answers offers through a hook (accept at once by default), and hands
 * each message text to a receiver without parsing it as JSON, as the hot path of the chat
 * scenario.
 */
final class Console {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicLong CLIENT_IDS = new AtomicLong();

	final String username;

	final List<String> conversations = new CopyOnWriteArrayList<>();

	private final Sinks.One<Boolean> available = Sinks.one();

	private final Sinks.One<Boolean> welcomed = Sinks.one();

	volatile BiConsumer<Console, String> onOffer = (console, id) -> console.accept(id);

	volatile Consumer<String> onAssigned = (id) -> {
	};

	private final Consumer<String> onText;

	private Ws ws;

	private Console(String username, Consumer<String> onText) {
		this.username = username;
		this.onText = onText;
	}

	/** Creates counsellor accounts through the admin REST API (docs/protocol.md). */
	static void createAccounts(int port, List<String> usernames, int capacity) {
		var admin = StaffLogin.of(port, "admin", "admin-test-password").client(port);
		reactor.core.publisher.Flux.fromIterable(usernames)
			.flatMap((username) -> admin.post()
				.uri("/api/v1/admin/counsellors")
				.bodyValue(Map.of("username", username, "password", password(username), "displayName",
						"Bench " + username, "capacity", capacity))
				.retrieve()
				.toBodilessEntity(), 8)
			.blockLast(Duration.ofMinutes(2));
	}

	static String password(String username) {
		return "bench-password-" + username;
	}

	/** Signs in, connects and becomes available. */
	static Console open(int port, String username, Consumer<String> onText) {
		Console console = new Console(username, onText);
		StaffLogin login = StaffLogin.of(port, username, password(username));
		console.ws = Ws
			.connect("ws://127.0.0.1:" + port + "/ws/counsellor", Map.of("Cookie", login.cookieHeader()),
					console::received)
			.block(Duration.ofSeconds(60));
		try {
			// After welcome: an availability frame sent right after the upgrade was
			// sometimes left unanswered (seen in the first full runs).
			console.welcomed.asMono().block(Duration.ofSeconds(60));
			console.ws.send("{\"type\":\"availability\",\"status\":\"available\"}");
			console.available.asMono().block(Duration.ofSeconds(60));
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(username + " never became available; last frames " + console.last, ex);
		}
		return console;
	}

	private final java.util.Deque<String> last = new java.util.concurrent.ConcurrentLinkedDeque<>();

	/**
	 * Texts written with {@link #message}, by client message id, until the server answers
	 * about them.
	 */
	private final Map<String, String> unanswered = new java.util.concurrent.ConcurrentHashMap<>();

	/** Texts the server acknowledged ({@code sent}): these must reach the visitor. */
	final java.util.Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** The error codes of texts the server refused. */
	final List<String> refused = new CopyOnWriteArrayList<>();

	private void received(String text) {
		if (this.last.size() < 8) {
			this.last.add(text.substring(0, Math.min(200, text.length())));
		}
		if (text.startsWith("{\"type\":\"message\"")) {
			this.onText.accept(text);
			return;
		}
		JsonNode frame = JSON.readTree(text);
		String type = frame.path("type").asString();
		String id = frame.path("conversationId").asString();
		if ("welcome".equals(type)) {
			this.welcomed.tryEmitValue(true);
		}
		else if ("availability".equals(type) && "available".equals(frame.path("status").asString())) {
			this.available.tryEmitValue(true);
		}
		else if ("offer".equals(type)) {
			this.onOffer.accept(this, id);
		}
		else if ("sent".equals(type)) {
			String written = this.unanswered.remove(frame.path("clientMsgId").asString());
			if (written != null) {
				this.acknowledged.add(written);
			}
		}
		else if ("error".equals(type) && this.unanswered.remove(frame.path("clientMsgId").asString()) != null) {
			this.refused.add(frame.path("code").asString());
		}
		else if ("assigned".equals(type)) {
			this.conversations.add(id);
			this.onAssigned.accept(id);
		}
	}

	void accept(String conversationId) {
		this.ws.send("{\"type\":\"accept\",\"conversationId\":\"" + conversationId + "\"}");
	}

	void end(String conversationId) {
		this.conversations.remove(conversationId);
		this.ws.send("{\"type\":\"end\",\"conversationId\":\"" + conversationId + "\"}");
	}

	void message(String conversationId, String text) {
		String clientMsgId = "c" + CLIENT_IDS.incrementAndGet();
		this.unanswered.put(clientMsgId, text);
		this.ws.send("{\"type\":\"message\",\"conversationId\":\"" + conversationId + "\",\"clientMsgId\":\""
				+ clientMsgId + "\",\"text\":\"" + text + "\"}");
	}

	void close() {
		this.ws.send("{\"type\":\"availability\",\"status\":\"away\"}");
		this.ws.close();
	}

}
