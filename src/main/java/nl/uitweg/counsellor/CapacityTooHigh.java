package nl.uitweg.counsellor;

import java.util.List;
import java.util.Map;

import nl.uitweg.platform.DomainException;

/**
 * A counsellor's capacity above the configured maximum. Answered like any invalid field
 * of the request ({@code invalid_request} naming {@code capacity}).
 */
final class CapacityTooHigh extends DomainException {

	CapacityTooHigh(int maxCapacity) {
		super(Kind.INVALID, "invalid_request", "Capacity may be at most " + maxCapacity + ".");
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("fields", List.of("capacity"));
	}

}
