package nl.uitweg.counsellor;

import nl.uitweg.platform.DomainException;

/** An account with this username exists already. */
public final class UsernameTaken extends DomainException {

	UsernameTaken() {
		super(Kind.CONFLICT, "username_taken", "An account with this username exists.");
	}

}
