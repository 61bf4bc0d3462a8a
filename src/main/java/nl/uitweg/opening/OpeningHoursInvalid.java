package nl.uitweg.opening;

import java.util.List;
import java.util.Map;

import nl.uitweg.platform.DomainException;

/** A schedule that cannot be kept: names the part of it at fault. */
final class OpeningHoursInvalid extends DomainException {

	private final String field;

	OpeningHoursInvalid(String field) {
		super(Kind.INVALID, "invalid_opening_hours",
				"Days are MONDAY to SUNDAY, dates YYYY-MM-DD, each period a 'from' before its 'to' (HH:mm), the zone a known one.");
		this.field = field;
	}

	String field() {
		return this.field;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("fields", List.of(this.field));
	}

}
