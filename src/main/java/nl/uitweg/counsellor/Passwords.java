package nl.uitweg.counsellor;

import java.nio.charset.StandardCharsets;

/**
 * What a password must be: short enough for the hash (bcrypt takes 72 bytes) and, when it
 * is chosen for an account, long enough to resist guessing.
 */
final class Passwords {

	/** The most bcrypt reads; Spring Security refuses longer input rather than cut it. */
	static final int MAX_BYTES = 72;

	private Passwords() {
	}

	static boolean hashable(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
	}

	/** Checks a password about to be set on an account. */
	static void checkNew(String password, int minLength) {
		if (!hashable(password)) {
			throw new PasswordTooLong();
		}
		if (password.codePointCount(0, password.length()) < minLength) {
			throw new PasswordTooShort(minLength);
		}
	}

}
