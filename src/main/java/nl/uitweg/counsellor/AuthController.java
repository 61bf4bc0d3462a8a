package nl.uitweg.counsellor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import nl.uitweg.platform.ProblemWriter;

/**
 * Staff sign-in: a session cookie backed by the shared session store, behind a limit on
 * failed attempts (see {@link LoginThrottle}).
 */
@RestController
class AuthController {

	private static final Logger log = LoggerFactory.getLogger(AuthController.class);

	private final ReactiveAuthenticationManager authentication;

	private final ServerSecurityContextRepository contexts;

	private final StaffDirectory directory;

	private final LoginThrottle throttle;

	AuthController(ReactiveAuthenticationManager authentication, ServerSecurityContextRepository contexts,
			StaffDirectory directory, LoginThrottle throttle) {
		this.authentication = authentication;
		this.contexts = contexts;
		this.directory = directory;
		this.throttle = throttle;
	}

	/** The password's length is checked in bytes, against what the hash can take. */
	record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank String password) {
	}

	record StaffView(String username, String displayName, List<String> roles, int capacity) {

		static StaffView of(StaffAccount account) {
			return new StaffView(account.username(), account.displayName(),
					account.roles().stream().map(Role::name).sorted().toList(), account.capacity());
		}

	}

	@PostMapping("/api/v1/auth/login")
	Mono<StaffView> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
		if (!Passwords.hashable(request.password())) {
			// No account can have it, so nothing is checked or counted.
			return Mono.error(new PasswordTooLong());
		}
		return this.throttle.subjects(request.username(), addressForKeyedHash(exchange))
			.flatMap((subjects) -> this.throttle.check(subjects)
				.flatMap((decision) -> decision.allowed() ? Mono.<Authentication>empty()
						: Mono.error(new TooManyAttempts(decision.retryAfterSeconds())))
				.switchIfEmpty(Mono.defer(() -> authenticate(request, subjects))))
			.flatMap((authenticated) -> exchange.getSession()
				.flatMap(WebSession::changeSessionId)
				.then(this.contexts.save(exchange, new SecurityContextImpl(authenticated))))
			.then(Mono.defer(() -> this.directory.find(request.username())))
			.map(StaffView::of);
	}

	/**
	 * Checks the password; a failure counts against both buckets, a success clears the
	 * username's.
	 */
	private Mono<Authentication> authenticate(LoginRequest request, LoginThrottle.Subjects subjects) {
		var token = UsernamePasswordAuthenticationToken.unauthenticated(request.username(), request.password());
		return this.authentication.authenticate(token)
			.onErrorMap(AuthenticationException.class, (ex) -> new InvalidCredentials())
			.switchIfEmpty(Mono.error(InvalidCredentials::new))
			.onErrorResume(InvalidCredentials.class, (ex) -> this.throttle.failed(subjects).then(Mono.error(ex)))
			.flatMap((authenticated) -> this.throttle.succeeded(subjects).thenReturn(authenticated));
	}

	@GetMapping("/api/v1/auth/me")
	Mono<StaffView> me(Mono<Principal> principal) {
		return principal.flatMap((p) -> this.directory.find(p.getName())).map(StaffView::of);
	}

	@ExceptionHandler(TooManyAttempts.class)
	ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttempts ex) {
		log.info("A staff sign-in was refused: too many failures (retry after {} s)", ex.retryAfterSeconds());
		ProblemDetail problem = ProblemWriter.problem(HttpStatus.TOO_MANY_REQUESTS, TooManyAttempts.CODE,
				ex.getMessage());
		problem.setProperty("retryAfterSeconds", ex.retryAfterSeconds());
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * The caller's address, used only to derive a keyed hash (HMAC) for the limit; never
	 * stored or logged.
	 */
	private static @Nullable InetAddress addressForKeyedHash(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null) ? remote.getAddress() : null;
	}

}
