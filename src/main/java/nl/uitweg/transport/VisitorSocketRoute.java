package nl.uitweg.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.util.CollectionUtils;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * Serves the ordinary {@code /ws/visitor} upgrade on Reactor Netty directly, below
 * WebFlux: a waiting visitor's socket then holds no WebFlux exchange, filter chain or
 * copy of the handshake's headers for as long as it is open, which was about a third of
 * what a waiting visitor cost (docs/performance-memory.md). The handler and the session
 * type are the same as on the WebFlux path.
 * <p>
 * Only a request that the WebFlux path would upgrade is taken here: {@code GET} on
 * exactly {@code /ws/visitor}, a complete WebSocket upgrade, and no {@code Origin} or one
 * that {@link AllowedOrigins} allows. Everything else (another spelling of the path, a
 * refused origin, a malformed upgrade) falls through to WebFlux and gets the same answer
 * as before: 403 {@code origin_not_allowed}, 400, 404. The visitor endpoint is open to
 * anyone, so no security filter is skipped that would have refused it.
 * <p>
 * With {@code server.forward-headers-strategy: framework} the client's address, scheme
 * and host come from Spring's {@code ForwardedHeaderTransformer}, which this route would
 * bypass; the route is then not used. With {@code native} Reactor Netty reads the
 * forwarded headers itself, for this route as for WebFlux.
 */
final class VisitorSocketRoute implements NettyRouteProvider {

	static final String PATH = "/ws/visitor";

	private static final MultiValueMap<String, HttpCookie> NO_COOKIES = CollectionUtils
		.unmodifiableMultiValueMap(CollectionUtils.toMultiValueMap(Map.of()));

	private final WebSocketHandler handler;

	private final AllowedOrigins origins;

	private final int maxFrameBytes;

	private final WebsocketServerSpec spec;

	VisitorSocketRoute(WebSocketHandler handler, AllowedOrigins origins, int maxFrameBytes) {
		this.handler = handler;
		this.origins = origins;
		this.maxFrameBytes = maxFrameBytes;
		// As on the WebFlux path (EventLoopUpgradeStrategy): frames above the limit close
		// the connection with 1009; pings from clients are answered by Reactor Netty.
		this.spec = WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameBytes).handlePing(false).build();
	}

	@Override
	public HttpServerRoutes apply(HttpServerRoutes routes) {
		return routes.route(this::takes, this::upgrade);
	}

	/** Whether this is an upgrade the WebFlux path would accept as it is. */
	boolean takes(HttpServerRequest request) {
		if (!HttpMethod.GET.equals(request.method()) || !PATH.equals(path(request.uri()))) {
			return false;
		}
		HttpHeaders headers = request.requestHeaders();
		if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
				|| !headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
				|| headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY) == null
				|| headers.contains(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
			return false;
		}
		List<String> origin = headers.getAll(HttpHeaderNames.ORIGIN);
		if (origin.isEmpty()) {
			return true;
		}
		URI self = self(request);
		return origin.size() == 1 && self != null && this.origins.allows(origin.get(0), self);
	}

	private Publisher<Void> upgrade(HttpServerRequest request, HttpServerResponse response) {
		URI uri = self(request);
		SocketAddress remote = request.remoteAddress();
		InetSocketAddress address = (remote instanceof InetSocketAddress inet) ? inet : null;
		if (!(request instanceof Connection connection) || uri == null) {
			return response.sendNotFound();
		}
		NettyDataBufferFactory buffers = new NettyDataBufferFactory(connection.channel().alloc());
		WebSocketHandler droppable = EventLoopUpgradeStrategy.droppable(this.handler, connection.channel());
		return response.sendWebsocket((in, out) -> {
			// The handshake is done: its request headers (a browser sends a dozen,
			// User-Agent among them) are not kept for the life of the socket.
			in.headers().clear();
			// Only what the visitor's handler reads: the address (for its keyed hash)
			// and attributes of its own. No headers, cookies or principal are kept.
			HandshakeInfo info = new HandshakeInfo(uri, new org.springframework.http.HttpHeaders(), NO_COOKIES,
					Mono.empty(), null, address, new ConcurrentHashMap<>(4), null);
			return droppable.handle(new ReactorNettyWebSocketSession(in, out, info, buffers, this.maxFrameBytes));
		}, this.spec);
	}

	/** The path of a request target in origin form; null for any other form. */
	private static @Nullable String path(String uri) {
		if (!uri.startsWith("/")) {
			return null;
		}
		int end = uri.indexOf('?');
		return (end < 0) ? uri : uri.substring(0, end);
	}

	/**
	 * The scheme, host and port the request was made to (forwarded ones when Reactor
	 * Netty trusts them), as Spring's request URI has them.
	 */
	private static @Nullable URI self(HttpServerRequest request) {
		try {
			String host = request.hostName();
			if (host == null || host.isEmpty()) {
				return null;
			}
			return new URI(request.scheme().toLowerCase(Locale.ROOT), null, host, request.hostPort(), PATH, null, null);
		}
		catch (URISyntaxException | RuntimeException ex) {
			return null;
		}
	}

}
