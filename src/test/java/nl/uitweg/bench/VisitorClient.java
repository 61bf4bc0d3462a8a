package nl.uitweg.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A visitor of the load generator on /ws/visitor: a session over REST, hello, start, and
 * the times the scenarios need (System.nanoTime of start sent, first queued, assigned,
 * welcome). Counts each message text it gets, for the lost/duplicate check.
 */
final class VisitorClient {

	private static final AtomicLong CLIENT_IDS = new AtomicLong();

	private static final Map<Integer, WebClient> REST = new ConcurrentHashMap<>();

	volatile String token;

	volatile String conversationId;

	volatile long startSentAt;

	volatile long queuedAt;

	volatile long assignedAt;

	volatile long welcomeAt;

	volatile long maxSeq;

	final Map<String, Integer> texts = new ConcurrentHashMap<>();

	private volatile Sinks.One<Boolean> welcomed = Sinks.one();

	private final Sinks.One<Boolean> queued = Sinks.one();

	private final Sinks.One<Boolean> assigned = Sinks.one();

	private volatile Ws ws;

	/** Session, socket, hello and welcome; not yet started. */
	static Mono<VisitorClient> connect(int port) {
		VisitorClient visitor = new VisitorClient();
		return REST.computeIfAbsent(port, (p) -> WebClient.create("http://127.0.0.1:" + p))
			.post()
			.uri("/api/v1/visitor/sessions")
			.bodyValue(Map.of("locale", "nl"))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.flatMap((session) -> {
				visitor.token = session.path("resumeToken").asString();
				return visitor.hello(port);
			});
	}

	/** A new socket and hello with the highest seq seen: a resume. */
	Mono<VisitorClient> hello(int port) {
		this.welcomed = Sinks.one();
		Sinks.One<Boolean> waitFor = this.welcomed;
		return Ws.connect("ws://127.0.0.1:" + port + "/ws/visitor", Map.of(), this::received).flatMap((socket) -> {
			this.ws = socket;
			socket.send("{\"type\":\"hello\",\"token\":\"" + this.token + "\",\"lastSeq\":" + this.maxSeq + "}");
			return waitFor.asMono().thenReturn(this);
		});
	}

	Mono<VisitorClient> start() {
		this.startSentAt = System.nanoTime();
		this.ws.send("{\"type\":\"start\",\"intake\":{}}");
		return this.queued.asMono().thenReturn(this);
	}

	Mono<VisitorClient> assigned() {
		return this.assigned.asMono().thenReturn(this);
	}

	void message(String text) {
		this.ws.send("{\"type\":\"message\",\"clientMsgId\":\"v" + CLIENT_IDS.incrementAndGet() + "\",\"text\":\""
				+ text + "\"}");
	}

	private void received(String text) {
		JsonNode frame = Console.JSON.readTree(text);
		String type = frame.path("type").asString();
		long seq = frame.path("seq").asLong(0);
		if (seq > this.maxSeq) {
			this.maxSeq = seq;
		}
		long now = System.nanoTime();
		switch (type) {
			case "welcome" -> {
				this.welcomeAt = now;
				this.welcomed.tryEmitValue(true);
			}
			case "queued" -> {
				if (this.queuedAt == 0) {
					this.conversationId = frame.path("conversationId").asString();
					this.queuedAt = now;
					this.queued.tryEmitValue(true);
				}
			}
			case "assigned" -> {
				if (this.assignedAt == 0) {
					this.assignedAt = now;
				}
				this.assigned.tryEmitValue(true);
			}
			case "message" -> this.texts.merge(frame.path("text").asString(), 1, Integer::sum);
			default -> {
			}
		}
	}

	void leave() {
		this.ws.send("{\"type\":\"leave\"}");
	}

	void drop() {
		this.ws.drop();
	}

	void close() {
		this.ws.close();
	}

	/** Completes when the connection is gone. */
	Mono<Void> closed() {
		return this.ws.closed();
	}

	static Duration wait(int count) {
		return Duration.ofSeconds(60 + count / 20);
	}

}
