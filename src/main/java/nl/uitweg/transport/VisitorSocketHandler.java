package nl.uitweg.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.platform.Timers;

/**
 * {@code /ws/visitor}: the anonymous chat. Inbound frames are handled one at a time in
 * arrival order ({@code concatMap}); outbound frames flow from a per-connection sink.
 * When either side closes, every subscription of the connection (Redis channels included)
 * is cancelled. Pings, the idle close and closes the connection asks for are the
 * {@link SocketGuard}'s.
 */
@Component
class VisitorSocketHandler implements WebSocketHandler {

	private final VisitorChat chat;

	private final FrameParser parser;

	private final TransportProperties properties;

	private final Timers timers;

	private final SocketTicker ticker;

	private final JsonMapper json;

	private final LiveSockets live;

	VisitorSocketHandler(VisitorChat chat, JsonMapper json, ConversationProperties conversationProperties,
			TransportProperties properties, Timers timers, SocketTicker ticker, LiveSockets live) {
		this.live = live;
		this.chat = chat;
		this.parser = new FrameParser(new FrameReader(json), conversationProperties.maxMessageLength());
		this.properties = properties;
		this.timers = timers;
		this.ticker = ticker;
		this.json = json;
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		String shortId = UUID.randomUUID().toString().substring(0, 8);
		Outbound out = new Outbound(this.json, this.properties.outboundBuffer());
		Runnable unregister = this.live.register(out, LiveSockets.Endpoint.VISITOR);
		// Closes go through the guard, which subscribes each on its own (a close in
		// flight must not be cancelled with the connection) and drops a connection
		// whose close frame cannot be written.
		Runnable closeForResume = () -> out.close(CloseStatus.SERVER_ERROR.withReason("reconnect and resume"));
		VisitorConnection connection = new VisitorConnection(this.chat, this.parser, out, shortId, closeForResume,
				addressForKeyedHash(session));
		Disposable helloTimer = Mono.delay(this.properties.helloTimeout(), this.timers.scheduler())
			.filter((tick) -> !connection.authenticated())
			.subscribe((tick) -> out.close(CloseStatus.POLICY_VIOLATION.withReason("hello expected")));
		SocketGuard guard = new SocketGuard(session, out, this.properties, this.timers.scheduler(), shortId,
				this.ticker);
		Mono<Void> inbound = guard.inbound().concatMap((message) -> {
			if (message.getType() != WebSocketMessage.Type.TEXT) {
				if (message.getType() == WebSocketMessage.Type.BINARY) {
					connection.unsupported();
				}
				return Mono.empty();
			}
			return FrameErrors.toTheEnd(connection.onText(message.getPayloadAsText()));
		}).then();
		Mono<Void> outbound = session.send(guard.outbound(out.frames()));
		// 'when', not 'zip': zip would cancel the outbound as soon as the inbound ends.
		return Mono.when(inbound.doFinally((signal) -> {
			helloTimer.dispose();
			guard.stop();
			unregister.run();
			connection.close();
		}), outbound);
	}

	/**
	 * The address, used only to derive a keyed hash (HMAC) for blocks; never stored or
	 * logged.
	 */
	private static @Nullable InetAddress addressForKeyedHash(WebSocketSession session) {
		InetSocketAddress forKeyedHash = session.getHandshakeInfo().getRemoteAddress();
		return (forKeyedHash != null) ? forKeyedHash.getAddress() : null;
	}

}
