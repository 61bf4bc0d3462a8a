package nl.uitweg.registration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * Checks a registration against the taxonomy: only known fields, only their codes, one
 * code for single questions, a list without repeats for multi questions, {@code UNKNOWN}
 * alone, and a school type only where recruitment happened at school. Every field is
 * optional.
 */
final class RegistrationValidator {

	private final Supplier<List<Taxonomy.Field>> taxonomy;

	/** Checks against the taxonomy as it is at each call (campaigns come and go). */
	RegistrationValidator(Supplier<List<Taxonomy.Field>> taxonomy) {
		this.taxonomy = taxonomy;
	}

	RegistrationValidator(List<Taxonomy.Field> taxonomy) {
		this(() -> taxonomy);
	}

	/** The answers as codes, or the names of the fields at fault. */
	sealed interface Result {

		record Valid(Map<String, Object> answers) implements Result {
		}

		record Invalid(List<String> fields) implements Result {
		}

	}

	Result validate(JsonNode body) {
		if (body == null || !body.isObject()) {
			return new Result.Invalid(List.of("registration"));
		}
		Map<String, Taxonomy.Field> fields = new LinkedHashMap<>();
		this.taxonomy.get().forEach((field) -> fields.put(field.name(), field));
		List<String> faults = new ArrayList<>();
		Map<String, Object> answers = new LinkedHashMap<>();
		for (String name : body.propertyNames()) {
			JsonNode value = body.get(name);
			Taxonomy.Field field = fields.get(name);
			if (field == null) {
				faults.add(name);
			}
			else if (value.isNull()) {
				continue;
			}
			else if (field.multi()) {
				List<String> codes = multi(field, value);
				if (codes == null) {
					faults.add(name);
				}
				else {
					answers.put(name, codes);
				}
			}
			else if (value.isString() && field.allows(value.asString())) {
				answers.put(name, value.asString());
			}
			else {
				faults.add(name);
			}
		}
		for (Taxonomy.Field field : fields.values()) {
			field.onlyWith().ifPresent((required) -> {
				if (answers.containsKey(field.name()) && !answeredWith(answers, required)) {
					faults.add(field.name());
				}
			});
		}
		return faults.isEmpty() ? new Result.Valid(answers) : new Result.Invalid(List.copyOf(faults));
	}

	private static List<String> multi(Taxonomy.Field field, JsonNode value) {
		if (!value.isArray()) {
			return null;
		}
		List<String> codes = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (JsonNode item : value) {
			if (!item.isString() || !field.allows(item.asString()) || !seen.add(item.asString())) {
				return null;
			}
			codes.add(item.asString());
		}
		if (codes.contains(Taxonomy.UNKNOWN) && codes.size() > 1) {
			return null;
		}
		return codes;
	}

	private static boolean answeredWith(Map<String, Object> answers, String code) {
		return answers.values().stream().anyMatch((answer) -> answer instanceof List<?> list && list.contains(code));
	}

}
