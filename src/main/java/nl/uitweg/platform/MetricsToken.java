package nl.uitweg.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * Lets a scraper in with {@code Authorization: Bearer <uitweg.metrics.token>}, compared
 * in constant time; with a blank token nobody gets in this way. The endpoint stays on the
 * main port, so the probes, the proxies and the tests keep one port, and a request that
 * reaches it from the public side without the token gets 401.
 */
final class MetricsToken implements ReactiveAuthorizationManager<AuthorizationContext> {

	private static final String BEARER = "Bearer ";

	private final byte[] token;

	MetricsToken(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		String header = context.getExchange().getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return Mono.just(new AuthorizationDecision(matches(header)));
	}

	private boolean matches(@Nullable String header) {
		if (this.token.length == 0 || header == null || !header.startsWith(BEARER)) {
			return false;
		}
		byte[] sent = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(sent, this.token);
	}

}
