package nl.uitweg.platform;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Maps every REST failure to problem+json with a stable {@code code}. The one place where
 * the kind of a {@link DomainException} becomes an HTTP status.
 */
@RestControllerAdvice
class ProblemAdvice {

	private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler(DomainException.class)
	ResponseEntity<ProblemDetail> refused(DomainException ex) {
		HttpStatus status = status(ex.kind());
		ProblemDetail problem = ProblemWriter.problem(status, ex.code(), ex.getMessage());
		ex.properties().forEach(problem::setProperty);
		return respond(status, problem);
	}

	@ExceptionHandler(WebExchangeBindException.class)
	ResponseEntity<ProblemDetail> invalid(WebExchangeBindException ex) {
		ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, "invalid_request",
				"Some fields are missing or invalid.");
		List<String> fields = ex.getFieldErrors().stream().map((error) -> error.getField()).distinct().toList();
		problem.setProperty("fields", fields);
		return respond(HttpStatus.BAD_REQUEST, problem);
	}

	@ExceptionHandler(ServerWebInputException.class)
	ResponseEntity<ProblemDetail> malformed(ServerWebInputException ex) {
		return respond(HttpStatus.BAD_REQUEST, ProblemWriter.problem(HttpStatus.BAD_REQUEST, "malformed_request",
				"The request body or parameters could not be read."));
	}

	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<ProblemDetail> status(ResponseStatusException ex) {
		HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
		status = (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
		String code = status.name().toLowerCase(java.util.Locale.ROOT);
		return respond(status, ProblemWriter.problem(status, code, status.getReasonPhrase()));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected failure ({})", ex.getClass().getName(), ex);
		return respond(HttpStatus.INTERNAL_SERVER_ERROR, ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR,
				"internal_error", "Something went wrong on our side."));
	}

	private static HttpStatus status(DomainException.Kind kind) {
		return switch (kind) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
		};
	}

	private static ResponseEntity<ProblemDetail> respond(HttpStatus status, ProblemDetail problem) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
