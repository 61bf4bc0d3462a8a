package nl.uitweg.queue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import nl.uitweg.registration.Taxonomy;

/**
 * The coded answers a visitor may give before the chat starts, all optional. Only codes,
 * so nothing a visitor types can end up in the metadata.
 */
public record Intake(@Nullable String contactRole, @Nullable String ageGroup, @Nullable Boolean acuteDanger) {

	/** From the taxonomy, the single source of every code. */
	public static final Set<String> CONTACT_ROLES = Taxonomy.codesOf("contactRole");

	public static final Set<String> AGE_GROUPS = Taxonomy.codesOf("ageGroup");

	public static Intake none() {
		return new Intake(null, null, null);
	}

	/** Acute danger goes first. */
	int priorityBand() {
		return Boolean.TRUE.equals(this.acuteDanger) ? 0 : 1;
	}

	Map<String, Object> asMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		if (this.contactRole != null) {
			map.put("contactRole", this.contactRole);
		}
		if (this.ageGroup != null) {
			map.put("ageGroup", this.ageGroup);
		}
		if (this.acuteDanger != null) {
			map.put("acuteDanger", this.acuteDanger);
		}
		return map;
	}

}
