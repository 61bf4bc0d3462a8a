package nl.uitweg.stats;

import java.util.List;
import java.util.Map;

import nl.uitweg.platform.DomainException;

/** A statistics or staffing query with parameters missing or out of range; names them. */
final class StatisticsRequestInvalid extends DomainException {

	private final List<String> fields;

	StatisticsRequestInvalid(String detail, String... fields) {
		this(detail, List.of(fields));
	}

	StatisticsRequestInvalid(String detail, List<String> fields) {
		super(Kind.INVALID, "invalid_request", detail);
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
