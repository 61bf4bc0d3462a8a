package nl.uitweg.counsellor;

/**
 * Sign-ins for this username or from this address are locked for a while; the same answer
 * whether or not the username exists. Answered by {@link AuthController} with 429 and a
 * {@code Retry-After} header.
 */
final class TooManyAttempts extends RuntimeException {

	static final String CODE = "too_many_attempts";

	private final long retryAfterSeconds;

	TooManyAttempts(long retryAfterSeconds) {
		// Expected refusals, not bugs: a stack trace would only cost time.
		super("Too many failed sign-ins. Try again later.", null, false, false);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
