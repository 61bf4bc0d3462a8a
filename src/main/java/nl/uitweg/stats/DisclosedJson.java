package nl.uitweg.stats;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

import nl.uitweg.stats.disclosure.Disclosed;

/**
 * Writes a disclosed figure as its value, or as {@code {"suppressed": true}} when it is
 * withheld, so a reader can tell a suppressed figure from an absent one ({@code null}).
 */
class DisclosedJson extends ValueSerializer<Disclosed<?>> {

	@Override
	public void serialize(Disclosed<?> figure, JsonGenerator json, SerializationContext context) {
		if (figure instanceof Disclosed.Shown<?> shown) {
			context.writeValue(json, shown.value());
		}
		else {
			json.writeStartObject();
			json.writeBooleanProperty("suppressed", true);
			json.writeEndObject();
		}
	}

}
