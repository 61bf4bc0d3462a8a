package nl.uitweg.visitor;

import nl.uitweg.platform.DomainException;

/** There is no campaign with this code. */
final class CampaignNotFound extends DomainException {

	CampaignNotFound() {
		super(Kind.NOT_FOUND, "campaign_not_found", "There is no such campaign.");
	}

}
