package nl.uitweg.platform;

import java.util.Map;

/**
 * A request the domain refused, with the stable {@code code} clients rely on. Modules
 * throw their own subtypes and say only what kind of refusal it is; {@code ProblemAdvice}
 * alone turns the kind into an HTTP status.
 */
public abstract class DomainException extends RuntimeException {

	/** What sort of refusal, independent of any transport. */
	public enum Kind {

		/** The request itself is wrong: fields missing, malformed or out of range. */
		INVALID,

		/** The caller could not be identified. */
		UNAUTHORIZED,

		/** The caller is known but may not do this. */
		FORBIDDEN,

		/** The thing asked for does not exist. */
		NOT_FOUND,

		/** The request is fine, but the current state does not allow it. */
		CONFLICT

	}

	private final Kind kind;

	private final String code;

	protected DomainException(Kind kind, String code, String detail) {
		// Expected refusals, not bugs: a stack trace would only cost time.
		super(detail, null, false, false);
		this.kind = kind;
		this.code = code;
	}

	public final Kind kind() {
		return this.kind;
	}

	/** Stable across releases; clients switch on it, never on the message. */
	public final String code() {
		return this.code;
	}

	/** Extra members for the problem body, such as the fields at fault. */
	public Map<String, Object> properties() {
		return Map.of();
	}

}
