package nl.uitweg.transport;

import java.util.function.Supplier;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Upgrades on the connection's own event loop. The request reaches the upgrade on
 * whatever thread the filters before it ended on (a Redis thread, after the staff session
 * or CSRF look-up); upgrading there lets the first frame a client sends race the set-up
 * of the inbound pipeline and sit unread until the next frame (reactor-netty#1089). A
 * visitor whose hello sits unread is cut off after the hello timeout.
 */
class EventLoopUpgradeStrategy implements RequestUpgradeStrategy {

	private final ReactorNettyRequestUpgradeStrategy delegate = new ReactorNettyRequestUpgradeStrategy();

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
			Supplier<HandshakeInfo> handshakeInfoFactory) {
		Mono<Void> upgrade = Mono
			.defer(() -> this.delegate.upgrade(exchange, handler, subProtocol, handshakeInfoFactory));
		EventLoop loop = eventLoop(exchange);
		if (loop == null || loop.inEventLoop()) {
			return upgrade;
		}
		return upgrade.subscribeOn(Schedulers.fromExecutor(loop));
	}

	private static @Nullable EventLoop eventLoop(ServerWebExchange exchange) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		return (request instanceof Connection connection) ? connection.channel().eventLoop() : null;
	}

}
