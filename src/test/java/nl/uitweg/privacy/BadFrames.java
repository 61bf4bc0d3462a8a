package nl.uitweg.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Makes frames that no server may accept, from a seeded {@link Random} so that a failing
 * run can be repeated. Every frame is bad on the connection it is meant for, so each must
 * be answered with an {@code error} frame (or a documented close): broken JSON, wrong
 * field types, huge strings, deep nesting, unknown types, binary frames, text that is not
 * UTF-8, fragmented frames, and frames out of order (before {@code hello}, without a
 * conversation, about another counsellor's conversation). No frame here is one that a
 * valid client could send with effect: never a {@code start}, {@code leave} or valid
 * {@code availability} after hello, never a valid token.
 */
final class BadFrames {

	/** Which connection a frame is for. */
	enum Lane {

		/** A visitor connection that has not said hello. */
		BEFORE_HELLO,
		/** A visitor connection after hello, without a conversation. */
		VISITOR,
		/** A counsellor console that holds no conversation. */
		CONSOLE

	}

	enum Kind {

		BROKEN_JSON(15), WRONG_TYPES(24), UNKNOWN_TYPE(10), OUT_OF_ORDER(18), DEEP_NESTING(8), HUGE_STRINGS(4),
		BINARY(7), INVALID_UTF8(8), FRAGMENTED(6);

		final int weight;

		Kind(int weight) {
			this.weight = weight;
		}

	}

	/**
	 * One frame to send: its fragments (one unless fragmented), whether it is binary, and
	 * how many error frames it must get.
	 */
	record Bad(Kind kind, boolean binary, List<byte[]> fragments, int expectedErrors, String description) {

		int size() {
			return this.fragments.stream().mapToInt((f) -> f.length).sum();
		}

	}

	/** The largest frame made here (Reactor Netty takes 64 KiB by default). */
	static final int MAX_PAYLOAD = 60_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> KNOWN_TYPES = Set.of("hello", "start", "message", "typing", "ack", "leave",
			"feedback", "availability", "accept", "decline", "resume", "end", "transfer", "take_next", "block");

	private static final String[] WRONG_VALUES = { "1", "-7", "1.5", "1e40", "true", "false", "null", "[]", "{}",
			"[1,\"a\"]", "{\"a\":1}", "\"\"", "\"   \"", "\"x\"" };

	private final Random random;

	/** A conversation that exists but belongs to another counsellor and visitor. */
	private final String foreignConversation;

	BadFrames(Random random, String foreignConversation) {
		this.random = random;
		this.foreignConversation = foreignConversation;
	}

	Kind kind() {
		int total = 0;
		for (Kind kind : Kind.values()) {
			total += kind.weight;
		}
		int pick = this.random.nextInt(total);
		for (Kind kind : Kind.values()) {
			pick -= kind.weight;
			if (pick < 0) {
				return kind;
			}
		}
		throw new IllegalStateException();
	}

	Bad next(Lane lane) {
		return make(kind(), lane);
	}

	Bad make(Kind kind, Lane lane) {
		switch (kind) {
			case BROKEN_JSON:
				return text(kind, broken(template(lane).json), 1);
			case WRONG_TYPES:
				return text(kind, wrongType(lane), 1);
			case UNKNOWN_TYPE:
				return text(kind, object(pair("type", str(unknownType())), pair("active", "true")), 1);
			case OUT_OF_ORDER: {
				Template template = template(lane);
				return text(kind, template.json, template.errors);
			}
			case DEEP_NESTING:
				return text(kind, deep(lane), 1);
			case HUGE_STRINGS:
				return text(kind, huge(lane), 1);
			case BINARY: {
				byte[] bytes = new byte[this.random.nextInt(4096)];
				this.random.nextBytes(bytes);
				return new Bad(kind, true, List.of(bytes), 1, "binary, " + bytes.length + " bytes");
			}
			case INVALID_UTF8:
				return invalidUtf8(lane);
			case FRAGMENTED:
				return fragmented(lane);
			default:
				throw new IllegalArgumentException(kind.name());
		}
	}

	/**
	 * The start of a text frame whose header announces more than the server takes (65,537
	 * bytes to 1 GiB); the rest is never sent.
	 */
	Oversized oversized() {
		long declared = 65_537 + (long) this.random.nextInt(1 << 30);
		byte[] start = "{\"type\":\"message\",\"clientMsgId\":\"big\",\"text\":\"xxxxxxxx"
			.getBytes(StandardCharsets.UTF_8);
		return new Oversized(start, declared);
	}

	/** The start of a frame too big to send. */
	record Oversized(byte[] start, long declaredLength) {
	}

	private Bad text(Kind kind, String json, int errors) {
		return new Bad(kind, false, List.of(json.getBytes(StandardCharsets.UTF_8)), errors, abbreviate(json));
	}

	// ---- frames that are well formed but out of order or about what is not yours
	// -------

	/** A frame and how many errors it earns. */
	private record Template(String json, int errors) {
	}

	private Template template(Lane lane) {
		if (lane == Lane.BEFORE_HELLO) {
			// Anything but hello gets hello_required; hello with an unknown token
			// invalid_token.
			String[] types = { "start", "message", "typing", "ack", "leave", "feedback", "hello" };
			String type = types[this.random.nextInt(types.length)];
			return new Template(visitorFrame(type), 1);
		}
		if (lane == Lane.VISITOR) {
			// Without a conversation: no_conversation; a second hello:
			// already_authenticated.
			String[] types = { "message", "typing", "ack", "feedback", "hello" };
			return new Template(visitorFrame(types[this.random.nextInt(types.length)]), 1);
		}
		return consoleFrame();
	}

	private String visitorFrame(String type) {
		switch (type) {
			case "hello":
				return object(pair("type", str("hello")), pair("token", str(randomToken())), pair("lastSeq", "0"));
			case "start":
				return object(pair("type", str("start")), pair("intake", "{\"acuteDanger\":true}"));
			case "message":
				return object(pair("type", str("message")), pair("clientMsgId", str(UUID.randomUUID().toString())),
						pair("text", str(words(1 + this.random.nextInt(30)))));
			case "typing":
				return object(pair("type", str("typing")), pair("active", "true"));
			case "ack":
				return object(pair("type", str("ack")), pair("seq", Integer.toString(this.random.nextInt(50))));
			case "feedback":
				return object(pair("type", str("feedback")), pair("helped", str("YES")));
			default:
				return object(pair("type", str(type)));
		}
	}

	/** Console frames about a conversation that is not the console's (or no one's). */
	private Template consoleFrame() {
		String cid = this.random.nextBoolean() ? this.foreignConversation : UUID.randomUUID().toString();
		String conv = pair("conversationId", str(cid));
		switch (this.random.nextInt(10)) {
			case 0:
				return new Template(object(pair("type", str("accept")), conv), 1);
			case 1:
				return new Template(object(pair("type", str("decline")), conv), 1);
			case 2: {
				int entries = 1 + this.random.nextInt(3);
				List<String> list = new ArrayList<>();
				for (int i = 0; i < entries; i++) {
					String id = (i == 0) ? this.foreignConversation : UUID.randomUUID().toString();
					list.add(object(pair("conversationId", str(id)), pair("lastSeq", "0")));
				}
				return new Template(
						object(pair("type", str("resume")), pair("conversations", "[" + String.join(",", list) + "]")),
						entries);
			}
			case 3:
				return new Template(
						object(pair("type", str("message")), conv,
								pair("clientMsgId", str(UUID.randomUUID().toString())), pair("text", str(words(5)))),
						1);
			case 4:
				return new Template(object(pair("type", str("typing")), conv, pair("active", "true")), 1);
			case 5:
				return new Template(object(pair("type", str("ack")), conv, pair("seq", "3")), 1);
			case 6:
				return new Template(object(pair("type", str("end")), conv), 1);
			case 7:
				return new Template(object(pair("type", str("block")), conv), 1);
			case 8:
				return new Template(
						object(pair("type", str("transfer")), conv,
								pair("to", str(
										this.random.nextBoolean() ? "queue" : "nobody-" + this.random.nextInt(1000)))),
						1);
			default:
				// Nobody waits, so there is nobody to take.
				return new Template(object(pair("type", str("take_next"))), 1);
		}
	}

	// ---- malformed
	// ---------------------------------------------------------------------

	private String broken(String json) {
		switch (this.random.nextInt(7)) {
			case 0:
				// a proper prefix of an object is never JSON
				return json.substring(0, this.random.nextInt(json.length() - 1) + 1).stripTrailing();
			case 1:
				return json.replace('"', '\'');
			case 2:
				return json.replaceFirst("\"type\"", "type");
			case 3:
				return json.substring(0, json.length() - 1) + ",}";
			case 4:
				return "/* note */ " + json;
			case 5:
				return json.replaceFirst("\\{", "{\"n\":NaN,");
			default: {
				StringBuilder garbage = new StringBuilder();
				String alphabet = "{}[]:,\"\\ abc01-+.eE\t";
				int length = 1 + this.random.nextInt(200);
				garbage.append('{');
				for (int i = 0; i < length; i++) {
					garbage.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
				}
				// more openings than closings: never a complete value
				return garbage.append("{[").toString();
			}
		}
	}

	private String wrongType(Lane lane) {
		String wrong = WRONG_VALUES[this.random.nextInt(WRONG_VALUES.length)];
		if (this.random.nextInt(8) == 0) {
			// the type itself
			String[] types = { "1", "null", "[\"message\"]", "{}", "\"\"", "\"  \"", "true" };
			return object(pair("type", types[this.random.nextInt(types.length)]));
		}
		if (lane != Lane.CONSOLE) {
			switch (this.random.nextInt(lane == Lane.BEFORE_HELLO ? 2 : 8)) {
				case 0:
					return object(pair("type", str("hello")), pair("token", nonString(wrong)));
				case 1:
					return object(pair("type", str("hello")), pair("token", str(randomToken())),
							pair("lastSeq", oneOf("-1", "\"3\"", "1.5", "1e40", "true", "[]", "{}")));
				case 2:
					return object(pair("type", str("start")),
							pair("intake", oneOf("1", "\"x\"", "[]", "true", "[{}]")));
				case 3:
					return object(pair("type", str("start")),
							pair("intake", object(pair(oneOf("contactRole", "ageGroup"),
									oneOf("\"ALIEN\"", "1", "true", "[]", "{}", "\"victim_self\"")))));
				case 4:
					return object(pair("type", str("start")),
							pair("intake", object(pair("acuteDanger", oneOf("\"yes\"", "1", "0", "[]", "{}")))));
				case 5:
					return this.random.nextBoolean()
							? object(pair("type", str("message")),
									pair("clientMsgId", oneOf("1", "null", "[]", "{}", "\"\"", str("x".repeat(65)))),
									pair("text", str("hallo")))
							: object(pair("type", str("message")), pair("clientMsgId", str("m")),
									pair("text", oneOf("1", "null", "[]", "{}", "\"\"", "\"  \\n\\t \"", "true")));
				case 6:
					return object(pair("type", str("typing")),
							pair("active", oneOf("\"true\"", "1", "null", "[]", "{}")));
				default:
					return this.random.nextBoolean()
							? object(pair("type", str("ack")),
									pair("seq", oneOf("-1", "\"3\"", "1.5", "1e40", "null", "[]", "true")))
							: object(pair("type", str("feedback")),
									pair("helped", oneOf("\"MAYBE\"", "\"yes\"", "1", "null", "[]")));
			}
		}
		String conv = pair("conversationId", str(this.foreignConversation));
		switch (this.random.nextInt(8)) {
			case 0:
				return object(pair("type", str("availability")),
						pair("status", oneOf("\"busy\"", "\"AVAILABLE\"", "1", "null", "[]", "{}", "\"\"")));
			case 1:
				return object(pair("type", str(oneOf("accept", "decline", "end", "block"))),
						pair("conversationId", oneOf("1", "null", "[]", "{}", "\"\"", str("c".repeat(65)))));
			case 2:
				return object(pair("type", str("resume")),
						pair("conversations",
								oneOf("\"x\"", "{}", "1", "null", "[1]", "[{\"conversationId\":1}]",
										"[{\"lastSeq\":0}]", "[{\"conversationId\":\"x\",\"lastSeq\":-1}]",
										"[{\"conversationId\":\"x\",\"lastSeq\":\"1\"}]")));
			case 3:
				return object(pair("type", str("message")), conv,
						pair("clientMsgId", oneOf("1", "null", "\"\"", str("m".repeat(65)))), pair("text", str("hoi")));
			case 4:
				return object(pair("type", str("message")), conv, pair("clientMsgId", str("m")),
						pair("text", oneOf("1", "null", "[]", "\"\"", "\" \"")));
			case 5:
				return object(pair("type", str("typing")), conv, pair("active", oneOf("\"true\"", "1", "null")));
			case 6:
				return object(pair("type", str("ack")), conv, pair("seq", oneOf("-1", "\"3\"", "1.5", "1e40", "null")));
			default:
				return object(pair("type", str("transfer")), conv, pair("to", oneOf("1", "null", "\"\"", "[]")));
		}
	}

	private static String nonString(String wrong) {
		return wrong.startsWith("\"") ? "1" : wrong;
	}

	private String unknownType() {
		String type;
		do {
			switch (this.random.nextInt(4)) {
				case 0:
					type = words(1).toUpperCase();
					break;
				case 1:
					type = " " + oneOf("hello", "message", "start", "accept");
					break;
				case 2:
					type = new String(Character.toChars(0x1F600 + this.random.nextInt(50))) + "ʼ" + words(1);
					break;
				default:
					type = randomAscii(1 + this.random.nextInt(40));
			}
		}
		while (KNOWN_TYPES.contains(type) || type.isBlank());
		return type;
	}

	private String deep(Lane lane) {
		int depth = 2 + this.random.nextInt(6000);
		switch (this.random.nextInt(3)) {
			case 0:
				return "[".repeat(depth) + "]".repeat(depth);
			case 1: {
				// a frame that is bad without its deep field, so the nesting cannot make
				// it
				// good
				String type = (lane == Lane.CONSOLE) ? "ack" : "typing";
				return "{\"type\":\"" + type + "\",\"x\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
			}
			default:
				return "{\"type\":\"message\",\"text\":" + "[".repeat(depth);
		}
	}

	private String huge(Lane lane) {
		boolean emoji = this.random.nextBoolean();
		int codePoints = 2001 + this.random.nextInt(emoji ? 12_000 : 55_000);
		String text = emoji ? "😀".repeat(codePoints) : "y".repeat(codePoints);
		switch (lane) {
			case BEFORE_HELLO:
				return object(pair("type", str("hello")), pair("token", str("t".repeat(129 + codePoints / 2))));
			case VISITOR:
				switch (this.random.nextInt(3)) {
					case 0:
						return object(pair("type", str("message")), pair("clientMsgId", str("m")),
								pair("text", str(text)));
					case 1:
						return object(pair("type", str("message")), pair("clientMsgId", str("m".repeat(codePoints))),
								pair("text", str("hoi")));
					default:
						return object(pair("type", str("q".repeat(codePoints))));
				}
			default:
				return this.random.nextBoolean()
						? object(pair("type", str("message")), pair("conversationId", str(this.foreignConversation)),
								pair("clientMsgId", str("m")), pair("text", str(text)))
						: object(pair("type", str("end")), pair("conversationId", str("c".repeat(codePoints))));
		}
	}

	/**
	 * Text frames whose bytes are not UTF-8: stray continuation bytes, overlong forms,
	 * surrogates, truncated sequences, bytes that never occur.
	 */
	private Bad invalidUtf8(Lane lane) {
		byte[][] bad = { { (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
				{ (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, { (byte) 0xFF },
				{ (byte) 0xE2, (byte) 0x82 }, { (byte) 0xC3, (byte) 0x28 } };
		byte[] invalid = bad[this.random.nextInt(bad.length)];
		String json = this.random.nextBoolean() ? template(lane).json : wrongType(lane);
		int at = json.indexOf(':') + 2;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] head = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
		byte[] tail = json.substring(at).getBytes(StandardCharsets.UTF_8);
		bytes.write(head, 0, head.length);
		bytes.write(invalid, 0, invalid.length);
		bytes.write(tail, 0, tail.length);
		return new Bad(Kind.INVALID_UTF8, false, List.of(bytes.toByteArray()), 1,
				"invalid UTF-8 in " + abbreviate(json));
	}

	/** A bad text frame sent in two to five fragments. */
	private Bad fragmented(Lane lane) {
		Kind inner = List.of(Kind.BROKEN_JSON, Kind.WRONG_TYPES, Kind.UNKNOWN_TYPE, Kind.OUT_OF_ORDER)
			.get(this.random.nextInt(4));
		Bad whole = make(inner, lane);
		byte[] all = whole.fragments().get(0);
		int parts = Math.min(all.length, 2 + this.random.nextInt(4));
		List<byte[]> fragments = new ArrayList<>();
		int from = 0;
		for (int i = 1; i <= parts; i++) {
			int to = (i == parts) ? all.length : from + Math.max(1, (all.length - from) / (parts - i + 1));
			byte[] part = new byte[to - from];
			System.arraycopy(all, from, part, 0, part.length);
			fragments.add(part);
			from = to;
		}
		return new Bad(Kind.FRAGMENTED, false, fragments, whole.expectedErrors(),
				parts + " fragments of " + whole.description());
	}

	// ---- JSON text
	// ---------------------------------------------------------------------

	private static String object(String... pairs) {
		return "{" + String.join(",", pairs) + "}";
	}

	private static String pair(String name, String rawValue) {
		return str(name) + ":" + rawValue;
	}

	private static String str(String value) {
		return JSON.writeValueAsString(value);
	}

	private String oneOf(String... values) {
		return values[this.random.nextInt(values.length)];
	}

	private String words(int count) {
		String[] words = { "hoi", "ik", "weet", "niet", "wat", "ik", "moet", "doen", "help", "ja", "nee", "misschien",
				"é", "ß", "٣", "\u200b", "\\", "\"", "<b>", "\u0000" };
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(i > 0 ? " " : "").append(words[this.random.nextInt(words.length)]);
		}
		return text.toString();
	}

	private String randomAscii(int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append((char) (0x21 + this.random.nextInt(0x5e)));
		}
		return text.toString();
	}

	/** 43 base64url characters: the shape of a token, but no session has it. */
	private String randomToken() {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		StringBuilder token = new StringBuilder();
		for (int i = 0; i < 43; i++) {
			token.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return token.toString();
	}

	private static String abbreviate(String json) {
		return (json.length() > 160) ? json.substring(0, 160) + "… (" + json.length() + " chars)" : json;
	}

}
