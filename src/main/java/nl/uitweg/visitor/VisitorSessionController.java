package nl.uitweg.visitor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Anyone may start an anonymous session; nothing about the caller is recorded. */
@RestController
class VisitorSessionController {

	private final VisitorSessions sessions;

	VisitorSessionController(VisitorSessions sessions) {
		this.sessions = sessions;
	}

	record NewSession(@Nullable @Pattern(regexp = "[a-z]{2}") String locale,
			@Nullable @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String campaign) {
	}

	@PostMapping("/api/v1/visitor/sessions")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<VisitorSessions.Created> create(@Valid @RequestBody(required = false) @Nullable NewSession request) {
		NewSession body = (request != null) ? request : new NewSession(null, null);
		return this.sessions.create(body.locale(), body.campaign());
	}

}
