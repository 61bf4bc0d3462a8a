package nl.uitweg.support;

import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.function.client.WebClient;

/** A test visitor: an anonymous session over REST and a WebSocket that said hello. */
public final class Visitor implements AutoCloseable {

	private final String resumeToken;

	private final WsClient ws;

	private Visitor(String resumeToken, WsClient ws) {
		this.resumeToken = resumeToken;
		this.ws = ws;
	}

	public static String newSessionToken(int port) {
		JsonNode created = WebClient.create("http://127.0.0.1:" + port)
			.post()
			.uri("/api/v1/visitor/sessions")
			.bodyValue(Map.of("locale", "nl"))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(10));
		return created.path("resumeToken").asString();
	}

	/** Creates a session and connects; the welcome frame has been read. */
	public static Visitor connect(int port) {
		String token = newSessionToken(port);
		return reconnect(port, token, 0);
	}

	public static Visitor reconnect(int port, String token, long lastSeq) {
		WsClient ws = WsClient.visitor(port);
		ws.send(Map.of("type", "hello", "token", token, "lastSeq", lastSeq));
		ws.expect("welcome");
		return new Visitor(token, ws);
	}

	/** Starts a chat and returns the conversation id from the first queued frame. */
	public String start(Map<String, Object> intake) {
		this.ws.send(Map.of("type", "start", "intake", intake));
		return this.ws.expect("queued").path("conversationId").asString();
	}

	public String start() {
		return start(Map.of());
	}

	public WsClient ws() {
		return this.ws;
	}

	public String token() {
		return this.resumeToken;
	}

	@Override
	public void close() {
		this.ws.close();
	}

}
