package nl.uitweg.counsellor;

import java.util.Map;

import nl.uitweg.platform.DomainException;

/**
 * A password the hash cannot take: bcrypt reads at most 72 bytes, and silently ignoring
 * the rest would make a long password weaker than it looks.
 */
final class PasswordTooLong extends DomainException {

	PasswordTooLong() {
		super(Kind.INVALID, "password_too_long",
				"A password may be at most " + Passwords.MAX_BYTES + " bytes long in UTF-8.");
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("maxBytes", Passwords.MAX_BYTES);
	}

}
