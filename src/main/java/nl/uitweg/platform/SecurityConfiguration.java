package nl.uitweg.platform;

import java.util.Arrays;
import java.util.stream.Stream;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.WebFilter;

/**
 * Staff authenticate with a session cookie (the session lives in Redis, so it survives
 * the instance that issued it); visitors never authenticate and get no cookie.
 * State-changing staff calls carry the XSRF-TOKEN cookie value in an X-XSRF-TOKEN header.
 * Every response carries the {@link SecurityHeaders}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	static final String COUNSELLOR = "COUNSELLOR";

	static final String COORDINATOR = "COORDINATOR";

	/**
	 * What a visitor's browser asks for: the chat page and its assets, the visitor API
	 * and the public codes. None of them may leave a cookie behind.
	 */
	static final String[] VISITOR_PATHS = { "/", "/index.html", "/favicon.ico", "/visitor/**", "/api/v1/visitor/**",
			"/api/v1/taxonomy", "/ws/visitor" };

	/** The staff pages are public; the calls they make need the staff session. */
	static final String[] STAFF_PAGES = { "/counsellor", "/counsellor/**", "/coordinator", "/coordinator/**" };

	@Bean
	ServerSecurityContextRepository securityContextRepository() {
		return new WebSessionServerSecurityContextRepository();
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
			ServerSecurityContextRepository securityContextRepository, ProblemWriter problems,
			ObjectProvider<ServerLogoutHandler> logoutHandlers, HeadersProperties headers, ServerProperties server,
			MetricsProperties metrics) {
		return http.securityContextRepository(securityContextRepository)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.headers(SecurityHeaders.of(headers))
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfCookies(server))
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(staffStateChanges())
				.accessDeniedHandler((exchange, ex) -> problems.write(exchange, HttpStatus.FORBIDDEN, "csrf_invalid",
						"Send the XSRF-TOKEN cookie value in an X-XSRF-TOKEN header.")))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(VISITOR_PATHS)
				.permitAll()
				.pathMatchers(STAFF_PAGES)
				.permitAll()
				.pathMatchers("/api/v1/auth/login", "/actuator/health", "/actuator/health/**", "/actuator/info",
						"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
				.permitAll()
				.pathMatchers("/ws/counsellor", "/api/v1/registrations/**", "/api/v1/conversations/**",
						"/api/v1/canned-responses")
				.hasRole(COUNSELLOR)
				.pathMatchers("/actuator/prometheus")
				.access(new MetricsToken(metrics.token()))
				.pathMatchers("/api/v1/admin/**", "/api/v1/monitor/**", "/api/v1/stats/**", "/actuator/**")
				.hasRole(COORDINATOR)
				.pathMatchers("/api/**")
				.authenticated()
				.anyExchange()
				.permitAll())
			.exceptionHandling((handling) -> handling
				.authenticationEntryPoint((exchange, ex) -> problems.write(exchange, HttpStatus.UNAUTHORIZED,
						"unauthenticated", "Sign in first."))
				.accessDeniedHandler((exchange, ex) -> problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
						"Your role does not allow this.")))
			// The modules' handlers (the counsellor's closes the consoles opened with the
			// session) run before the default one, which gives the session a new id.
			.logout((logout) -> logout.logoutUrl("/api/v1/auth/logout")
				.logoutHandler((handlers) -> handlers.addAll(0, logoutHandlers.orderedStream().toList()))
				.logoutSuccessHandler(new HttpStatusReturningServerLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
			.build();
	}

	/**
	 * The XSRF-TOKEN cookie gets the same Secure and SameSite attributes as the session
	 * cookie ({@code server.reactive.session.cookie.*}); Spring Security would otherwise
	 * mark it Secure only on requests it sees as https.
	 */
	private static CookieServerCsrfTokenRepository csrfCookies(ServerProperties server) {
		Cookie session = server.getReactive().getSession().getCookie();
		CookieServerCsrfTokenRepository repository = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
		repository.setCookieCustomizer((cookie) -> {
			if (session.getSecure() != null) {
				cookie.secure(session.getSecure());
			}
			if (session.getSameSite() != null) {
				cookie.sameSite(session.getSameSite().attributeValue());
			}
		});
		return repository;
	}

	/** Everything but safe methods, the login itself and the anonymous visitor edge. */
	private static ServerWebExchangeMatcher staffStateChanges() {
		ServerWebExchangeMatcher unsafe = new NegatedServerWebExchangeMatcher(
				new OrServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/**"),
						ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, "/**"),
						ServerWebExchangeMatchers.pathMatchers(HttpMethod.OPTIONS, "/**")));
		ServerWebExchangeMatcher exempt = ServerWebExchangeMatchers.pathMatchers("/api/v1/auth/login",
				"/api/v1/visitor/**", "/ws/**");
		return new AndServerWebExchangeMatcher(unsafe, new NegatedServerWebExchangeMatcher(exempt));
	}

	/**
	 * Spring Security writes the CSRF cookie only when the token is used; staff clients
	 * need it after their first call, so subscribe to it on every path but the visitor's
	 * (and the WebSockets, which CSRF does not cover).
	 */
	@Bean
	WebFilter csrfCookieWebFilter() {
		ServerWebExchangeMatcher cookieless = ServerWebExchangeMatchers
			.pathMatchers(Stream.concat(Arrays.stream(VISITOR_PATHS), Stream.of("/ws/**")).toArray(String[]::new));
		return (exchange, chain) -> cookieless.matches(exchange).flatMap((match) -> {
			if (match.isMatch()) {
				return chain.filter(exchange);
			}
			Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
			return token.then(chain.filter(exchange));
		});
	}

}
