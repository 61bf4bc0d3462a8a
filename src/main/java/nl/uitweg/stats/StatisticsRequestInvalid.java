package nl.uitweg.stats;

import java.util.List;
import java.util.Map;

import nl.uitweg.platform.DomainException;

/** A statistics query with parameters missing or out of range. */
final class StatisticsRequestInvalid extends DomainException {

	private final List<String> fields;

	StatisticsRequestInvalid(String detail, String... fields) {
		super(Kind.INVALID, "invalid_request", detail);
		this.fields = List.of(fields);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("fields", this.fields);
	}

}
