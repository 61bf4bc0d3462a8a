package nl.uitweg.transport;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import nl.uitweg.platform.ProblemWriter;

/**
 * The counsellor console is authenticated by a cookie, and WebSocket upgrades are not
 * covered by CSRF protection; a page on another site could otherwise open the console in
 * a signed-in counsellor's browser. Browsers always send Origin, so an upgrade from a
 * foreign origin is refused. (Clients that are not browsers send none and are let
 * through.)
 */
@Component
class CounsellorOriginFilter implements WebFilter {

	private final TransportProperties properties;

	private final ProblemWriter problems;

	CounsellorOriginFilter(TransportProperties properties, ProblemWriter problems) {
		this.properties = properties;
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!"/ws/counsellor".equals(exchange.getRequest().getPath().value())) {
			return chain.filter(exchange);
		}
		String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
		if (origin == null || allowed(origin, exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST))) {
			return chain.filter(exchange);
		}
		return this.problems.write(exchange, HttpStatus.FORBIDDEN, "origin_not_allowed",
				"The counsellor console only accepts connections from its own site.");
	}

	private boolean allowed(String origin, String host) {
		if (this.properties.allowedOrigins().contains(origin)) {
			return true;
		}
		try {
			URI uri = URI.create(origin);
			String authority = (uri.getPort() > 0) ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
			return authority != null && authority.equalsIgnoreCase(host);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
