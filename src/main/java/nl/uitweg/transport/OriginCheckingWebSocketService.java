package nl.uitweg.transport;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

import nl.uitweg.platform.ProblemWriter;

/**
 * Checks {@code Origin} inside the handshake of both WebSockets, after the handler
 * mapping chose the endpoint. Whatever path spelling reached a socket handler
 * ({@code /ws/counsello%72} included) is therefore checked; a filter comparing paths
 * could be bypassed.
 * <p>
 * The visitor socket needs it too: a page on another site must not run chats on the
 * helpline's behalf in a visitor's browser. The counsellor console is authenticated by a
 * cookie that WebSocket upgrades send without CSRF protection. Browsers always send
 * {@code Origin} on an upgrade; clients that are not browsers send none and are let
 * through, as they could send any origin they like anyway.
 */
class OriginCheckingWebSocketService extends HandshakeWebSocketService {

	private final AllowedOrigins origins;

	private final ProblemWriter problems;

	OriginCheckingWebSocketService(RequestUpgradeStrategy upgradeStrategy, AllowedOrigins origins,
			ProblemWriter problems) {
		super(upgradeStrategy);
		this.origins = origins;
		this.problems = problems;
	}

	@Override
	public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
		List<String> origin = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.ORIGIN);
		if (origin.isEmpty()) {
			return super.handleRequest(exchange, handler);
		}
		if (origin.size() == 1 && this.origins.allows(origin.get(0), exchange.getRequest().getURI())) {
			return super.handleRequest(exchange, handler);
		}
		return this.problems.write(exchange, HttpStatus.FORBIDDEN, "origin_not_allowed",
				"WebSocket connections are only accepted from the helpline's own site.");
	}

}
