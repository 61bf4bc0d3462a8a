package nl.uitweg.registration;

import nl.uitweg.platform.DomainException;

/** The registration is past the day in which it may be changed. */
final class RegistrationClosed extends DomainException {

	RegistrationClosed() {
		super(Kind.CONFLICT, "registration_closed", "A registration can be changed for a day; this one is closed.");
	}

}
