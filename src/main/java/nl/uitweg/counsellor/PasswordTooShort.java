package nl.uitweg.counsellor;

import java.util.Map;

import nl.uitweg.platform.DomainException;

/** A new password shorter than {@code uitweg.counsellor.min-password-length}. */
final class PasswordTooShort extends DomainException {

	private final int minLength;

	PasswordTooShort(int minLength) {
		super(Kind.INVALID, "password_too_short", "A password needs at least " + minLength + " characters.");
		this.minLength = minLength;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("minLength", this.minLength);
	}

}
