package nl.uitweg.counsellor;

import nl.uitweg.platform.DomainException;

/** There is no canned response with this id. */
final class CannedResponseNotFound extends DomainException {

	CannedResponseNotFound() {
		super(Kind.NOT_FOUND, "canned_response_not_found", "There is no such canned response.");
	}

}
