package nl.uitweg.visitor;

import java.util.List;
import java.util.Map;

import nl.uitweg.platform.DomainException;

/**
 * A campaign that cannot be created as asked; answered like a failed bean validation,
 * with the fields at fault.
 */
final class CampaignInvalid extends DomainException {

	private final List<String> fields;

	CampaignInvalid(List<String> fields) {
		super(Kind.INVALID, "invalid_request",
				"A code is 2-32 of A-Z, 0-9, '_' and '-' (not DIRECT or UNKNOWN); a label 1-80 characters.");
		this.fields = List.copyOf(fields);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("fields", this.fields);
	}

}
