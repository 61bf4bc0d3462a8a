package nl.uitweg.platform;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request that the domain refused, with the stable {@code code} clients can rely on.
 * Mapped to problem+json at the REST edge.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, Object> properties;

	public ApiProblem(HttpStatus status, String code, String detail) {
		this(status, code, detail, Map.of());
	}

	public ApiProblem(HttpStatus status, String code, String detail, Map<String, Object> properties) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
		this.properties = properties;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

}
