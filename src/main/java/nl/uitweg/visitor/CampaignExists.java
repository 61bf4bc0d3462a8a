package nl.uitweg.visitor;

import nl.uitweg.platform.DomainException;

/** A campaign with this code exists already, live or retired. */
final class CampaignExists extends DomainException {

	CampaignExists() {
		super(Kind.CONFLICT, "campaign_exists", "A campaign with this code exists (codes are never reused).");
	}

}
