package nl.uitweg.counsellor;

import nl.uitweg.platform.DomainException;

/**
 * The sign-in failed. Deliberately one answer for an unknown username and a wrong
 * password, so the answer does not tell which usernames exist.
 */
final class InvalidCredentials extends DomainException {

	InvalidCredentials() {
		super(Kind.UNAUTHORIZED, "invalid_credentials", "Username or password is wrong.");
	}

}
