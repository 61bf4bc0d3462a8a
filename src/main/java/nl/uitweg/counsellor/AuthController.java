package nl.uitweg.counsellor;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import java.security.Principal;

/** Staff sign-in: a session cookie backed by the shared session store. */
@RestController
class AuthController {

	private final ReactiveAuthenticationManager authentication;

	private final ServerSecurityContextRepository contexts;

	private final StaffDirectory directory;

	AuthController(ReactiveAuthenticationManager authentication, ServerSecurityContextRepository contexts,
			StaffDirectory directory) {
		this.authentication = authentication;
		this.contexts = contexts;
		this.directory = directory;
	}

	record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
	}

	record StaffView(String username, String displayName, List<String> roles, int capacity) {

		static StaffView of(StaffAccount account) {
			return new StaffView(account.username(), account.displayName(),
					account.roles().stream().map(Role::name).sorted().toList(), account.capacity());
		}

	}

	@PostMapping("/api/v1/auth/login")
	Mono<StaffView> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
		var token = UsernamePasswordAuthenticationToken.unauthenticated(request.username(), request.password());
		return this.authentication.authenticate(token)
			.onErrorMap(AuthenticationException.class, (ex) -> new InvalidCredentials())
			.switchIfEmpty(Mono.error(InvalidCredentials::new))
			.flatMap((authenticated) -> exchange.getSession()
				.flatMap(WebSession::changeSessionId)
				.then(this.contexts.save(exchange, new SecurityContextImpl(authenticated))))
			.then(this.directory.find(request.username()))
			.map(StaffView::of);
	}

	@GetMapping("/api/v1/auth/me")
	Mono<StaffView> me(Mono<Principal> principal) {
		return principal.flatMap((p) -> this.directory.find(p.getName())).map(StaffView::of);
	}

}
