package nl.uitweg.registration;

import java.util.List;
import java.util.Map;

import nl.uitweg.platform.DomainException;

/** Some answers are not codes of the taxonomy; names the fields at fault. */
final class RegistrationInvalid extends DomainException {

	private final List<String> fields;

	RegistrationInvalid(List<String> fields) {
		super(Kind.INVALID, "invalid_registration", "Some answers are not codes of the taxonomy.");
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
