package nl.uitweg.platform;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers every response carries, pages, API calls and errors alike.
 * <ul>
 * <li>A Content-Security-Policy that allows only the site's own scripts, styles and
 * connections: the pages have no inline script or style, so an injected one cannot
 * run.</li>
 * <li>No referrer: a visitor's chat URL (with a campaign code) never reaches another
 * site.</li>
 * <li>No framing ({@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY}).</li>
 * <li>HSTS on every response, not only on requests the server sees as https: behind a
 * TLS-terminating proxy the server sees http unless forwarded headers are trusted, and
 * browsers ignore the header on plain http anyway.</li>
 * </ul>
 */
final class SecurityHeaders {

	static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

	static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

	private SecurityHeaders() {
	}

	static Customizer<ServerHttpSecurity.HeaderSpec> of(HeadersProperties properties) {
		return (headers) -> {
			headers.frameOptions((frames) -> frames.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				// Replaced by the writer below, which does not depend on the scheme.
				.hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable)
				.writer(SecurityHeaders::contentSecurityPolicy);
			if (!properties.hstsMaxAge().isZero()) {
				String hsts = "max-age=" + properties.hstsMaxAge().toSeconds()
						+ (properties.hstsIncludeSubdomains() ? "; includeSubDomains" : "");
				headers.writer(set(STRICT_TRANSPORT_SECURITY, hsts));
			}
		};
	}

	/**
	 * The pages open WebSockets to their own host; {@code 'self'} covers ws and wss only
	 * in newer browsers, so the host is named as well.
	 */
	private static Mono<Void> contentSecurityPolicy(ServerWebExchange exchange) {
		URI uri = exchange.getRequest().getURI();
		String host = (uri.getPort() != -1) ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
		String sockets = (host != null) ? " ws://" + host + " wss://" + host : "";
		return set(CONTENT_SECURITY_POLICY,
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
						+ sockets + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
			.writeHttpHeaders(exchange);
	}

	private static ServerHttpHeadersWriter set(String name, String value) {
		return (exchange) -> {
			if (!exchange.getResponse().getHeaders().containsHeader(name)) {
				exchange.getResponse().getHeaders().set(name, value);
			}
			return Mono.empty();
		};
	}

}
