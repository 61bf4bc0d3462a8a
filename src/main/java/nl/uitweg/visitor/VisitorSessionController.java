package nl.uitweg.visitor;

import java.net.InetSocketAddress;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import nl.uitweg.platform.ProblemWriter;
import nl.uitweg.platform.RateLimits;

/**
 * Anyone may start an anonymous session; nothing about the caller is recorded. The
 * caller's address only picks a rate bucket, through its keyed hash.
 */
@RestController
class VisitorSessionController {

	private final VisitorSessions sessions;

	private final AddressHashes addresses;

	private final RateLimits rateLimits;

	private final RateLimits.Limit perAddress;

	VisitorSessionController(VisitorSessions sessions, AddressHashes addresses, RateLimits rateLimits,
			VisitorLimits limits) {
		this.sessions = sessions;
		this.addresses = addresses;
		this.rateLimits = rateLimits;
		this.perAddress = new RateLimits.Limit("visitor-sessions", limits.sessionsPerAddress(),
				limits.sessionsPerAddressPeriod());
	}

	record NewSession(@Nullable @Pattern(regexp = "[a-z]{2}") String locale,
			@Nullable @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String campaign) {
	}

	@PostMapping("/api/v1/visitor/sessions")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<VisitorSessions.Created> create(@Valid @RequestBody(required = false) @Nullable NewSession request,
			ServerHttpRequest http) {
		NewSession body = (request != null) ? request : new NewSession(null, null);
		return allowance(http)
			.flatMap((decision) -> decision.allowed() ? this.sessions.create(body.locale(), body.campaign())
					: Mono.error(new TooManySessions(decision.retryAfterSeconds())));
	}

	/** Without a known address (not expected behind Netty) there is nothing to count. */
	private Mono<RateLimits.Decision> allowance(ServerHttpRequest http) {
		InetSocketAddress remote = http.getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return Mono.just(new RateLimits.Decision(true, java.time.Duration.ZERO));
		}
		return this.addresses.current(remote.getAddress())
			.flatMap((hash) -> this.rateLimits.take(this.perAddress, hash));
	}

	@ExceptionHandler(TooManySessions.class)
	ResponseEntity<ProblemDetail> tooMany(TooManySessions ex) {
		ProblemDetail problem = ProblemWriter.problem(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
				"Too many chat sessions were started from this network. Try again in a while; in acute danger call 112.");
		problem.setProperty("retryAfterSeconds", ex.retryAfterSeconds);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** The address's session bucket is empty; answered here, with Retry-After. */
	static final class TooManySessions extends RuntimeException {

		private final long retryAfterSeconds;

		TooManySessions(long retryAfterSeconds) {
			super("rate_limited", null, false, false);
			this.retryAfterSeconds = retryAfterSeconds;
		}

	}

}
