package nl.uitweg.stats;

import java.util.List;
import java.util.Map;

import nl.uitweg.platform.DomainException;

/** Staffing advice asked for with parameters out of range; names them. */
final class StaffingQueryInvalid extends DomainException {

	private final List<String> fields;

	StaffingQueryInvalid(List<String> fields) {
		super(Kind.INVALID, "invalid_request",
				"weeks is 1 to 52, target between 0 and 1 (both excluded), answerWithinSeconds 0 to 3600, capacity 1 or more.");
		this.fields = List.copyOf(fields);
	}

	List<String> fields() {
		return this.fields;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("fields", this.fields);
	}

}
