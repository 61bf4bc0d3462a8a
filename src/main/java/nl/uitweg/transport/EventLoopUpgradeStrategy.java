package nl.uitweg.transport;

import java.util.List;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Upgrades on the connection's own event loop. The request reaches the upgrade on
 * whatever thread the filters before it ended on (a Redis thread, after the staff session
 * or CSRF look-up); upgrading there lets the first frame a client sends race the set-up
 * of the inbound pipeline and sit unread until the next frame (reactor-netty#1089). A
 * visitor whose hello sits unread is cut off after the hello timeout.
 * <p>
 * It also bounds inbound messages: Reactor Netty closes a connection whose frame is
 * larger than the limit with 1009, and Spring aggregates the frames of a fragmented
 * message up to the same limit. And it gives each session a way to drop its TCP
 * connection ({@link #drop}), for a close frame that a client which does not read will
 * never take.
 */
class EventLoopUpgradeStrategy implements RequestUpgradeStrategy {

	private static final String DROP = EventLoopUpgradeStrategy.class.getName() + ".drop";

	private final ReactorNettyRequestUpgradeStrategy delegate;

	EventLoopUpgradeStrategy(int maxFrameBytes) {
		// Pings from clients are answered by Reactor Netty (handlePing false); pongs
		// reach
		// the handlers, which count them as signs of life.
		this.delegate = new ReactorNettyRequestUpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameBytes).handlePing(false));
	}

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
			Supplier<HandshakeInfo> handshakeInfoFactory) {
		Connection connection = connection(exchange);
		WebSocketHandler droppable = (connection != null) ? new Droppable(handler, connection.channel()) : handler;
		Mono<Void> upgrade = Mono
			.defer(() -> this.delegate.upgrade(exchange, droppable, subProtocol, handshakeInfoFactory));
		EventLoop loop = (connection != null) ? connection.channel().eventLoop() : null;
		if (loop == null || loop.inEventLoop()) {
			return upgrade;
		}
		return upgrade.subscribeOn(Schedulers.fromExecutor(loop));
	}

	/**
	 * Closes the session's TCP connection at once, without a close frame; does nothing
	 * for a session this strategy did not upgrade.
	 */
	static void drop(WebSocketSession session) {
		if (session.getAttributes().get(DROP) instanceof Channel channel) {
			channel.close();
		}
	}

	private static @Nullable Connection connection(ServerWebExchange exchange) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		return (request instanceof Connection connection) ? connection : null;
	}

	/** Hands the session the channel to drop; the handler sees the same session. */
	private record Droppable(WebSocketHandler handler, Channel channel) implements WebSocketHandler {

		@Override
		public List<String> getSubProtocols() {
			return this.handler.getSubProtocols();
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			session.getAttributes().put(DROP, this.channel);
			return this.handler.handle(session);
		}

	}

}
