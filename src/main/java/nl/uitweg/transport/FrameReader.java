package nl.uitweg.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads inbound JSON frames and checks each against its schema (field types, required
 * fields, lengths, allowed codes) before any domain code sees it. Unknown fields are
 * ignored so clients can be newer than the server.
 */
class FrameReader {

	static final int MAX_ID_LENGTH = 64;

	static final int MAX_TOKEN_LENGTH = 128;

	private final JsonMapper json;

	FrameReader(JsonMapper json) {
		this.json = json;
	}

	/** A parsed frame: its type and its object node. */
	record Raw(String type, JsonNode node) {

		String string(String field) {
			JsonNode value = this.node.get(field);
			if (value == null || !value.isString()) {
				throw invalid(field + " must be a string");
			}
			return value.asString();
		}

		String id(String field) {
			String value = string(field);
			if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
				throw invalid(field + " must be 1 to " + MAX_ID_LENGTH + " characters");
			}
			return value;
		}

		@Nullable String optionalCode(String field, Set<String> allowed) {
			JsonNode value = this.node.get(field);
			if (value == null || value.isNull()) {
				return null;
			}
			if (!value.isString() || !allowed.contains(value.asString())) {
				throw invalid(field + " must be one of " + allowed.stream().sorted().toList());
			}
			return value.asString();
		}

		String code(String field, Set<String> allowed) {
			String value = optionalCode(field, allowed);
			if (value == null) {
				throw invalid(field + " is required");
			}
			return value;
		}

		boolean bool(String field) {
			JsonNode value = this.node.get(field);
			if (value == null || !value.isBoolean()) {
				throw invalid(field + " must be true or false");
			}
			return value.asBoolean();
		}

		@Nullable Boolean optionalBool(String field) {
			JsonNode value = this.node.get(field);
			return (value == null || value.isNull()) ? null : bool(field);
		}

		long seq(String field, boolean required) {
			JsonNode value = this.node.get(field);
			if (value == null || value.isNull()) {
				if (required) {
					throw invalid(field + " is required");
				}
				return 0;
			}
			if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
				throw invalid(field + " must be a whole number of at least 0");
			}
			return value.asLong();
		}

		@Nullable JsonNode optionalObject(String field) {
			JsonNode value = this.node.get(field);
			if (value == null || value.isNull()) {
				return null;
			}
			if (!value.isObject()) {
				throw invalid(field + " must be an object");
			}
			return value;
		}

		List<JsonNode> array(String field) {
			JsonNode value = this.node.get(field);
			if (value == null || !value.isArray()) {
				throw invalid(field + " must be an array");
			}
			List<JsonNode> items = new ArrayList<>();
			value.forEach(items::add);
			return items;
		}

		Raw nested(JsonNode node) {
			if (!node.isObject()) {
				throw invalid("entries must be objects");
			}
			return new Raw(this.type, node);
		}

	}

	Raw read(String text) {
		JsonNode root;
		try {
			root = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			throw new FrameException(ErrorCodes.INVALID_JSON, "The frame is not valid JSON.");
		}
		if (root == null || !root.isObject()) {
			throw new FrameException(ErrorCodes.INVALID_FRAME, "A frame must be a JSON object.");
		}
		JsonNode type = root.get("type");
		if (type == null || !type.isString() || type.asString().isBlank()) {
			throw new FrameException(ErrorCodes.INVALID_FRAME, "A frame needs a string field 'type'.");
		}
		return new Raw(type.asString(), root);
	}

	static FrameException invalid(String detail) {
		return new FrameException(ErrorCodes.INVALID_FRAME, detail);
	}

	static FrameException unknownType(String type) {
		return new FrameException(ErrorCodes.UNKNOWN_TYPE, "Unknown frame type '" + abbreviate(type) + "'.");
	}

	private static String abbreviate(String value) {
		return (value.length() > 32) ? value.substring(0, 32) + "…" : value;
	}

}
