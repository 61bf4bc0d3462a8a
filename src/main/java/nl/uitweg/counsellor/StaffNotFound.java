package nl.uitweg.counsellor;

import nl.uitweg.platform.DomainException;

/** There is no staff account with this username. */
final class StaffNotFound extends DomainException {

	StaffNotFound() {
		super(Kind.NOT_FOUND, "staff_not_found", "There is no such staff account.");
	}

}
