package nl.uitweg.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import nl.uitweg.conversation.Intake;
import nl.uitweg.counsellor.Availability;
import nl.uitweg.registration.Taxonomy;

/**
 * Turns inbound text into typed frames, checking each against its schema before any
 * domain code sees it. A refused frame still names the conversation and client message id
 * it carried, if they could be read.
 */
final class FrameParser {

	private static final Set<String> CONTACT_ROLES = Taxonomy.codesOf("contactRole");

	private static final Set<String> AGE_GROUPS = Taxonomy.codesOf("ageGroup");

	private static final Set<String> FEEDBACK = Set.of("YES", "PARTLY", "NO");

	private static final Set<String> AVAILABILITY = Set.of("available", "away");

	private final FrameReader reader;

	private final int maxMessageLength;

	FrameParser(FrameReader reader, int maxMessageLength) {
		this.reader = reader;
		this.maxMessageLength = maxMessageLength;
	}

	/** Before hello, nothing but hello is read. */
	VisitorFrame visitor(String text, boolean helloOnly) {
		FrameReader.Raw frame = this.reader.read(text);
		if (helloOnly && !"hello".equals(frame.type())) {
			throw new FrameException(ErrorCodes.HELLO_REQUIRED, "Send hello with your resume token first.");
		}
		try {
			return switch (frame.type()) {
				case "hello" -> hello(frame);
				case "start" -> new VisitorFrame.Start(intake(frame.optionalObject("intake"), frame));
				case "message" -> new VisitorFrame.Message(frame.id("clientMsgId"), messageText(frame));
				case "typing" -> new VisitorFrame.Typing(frame.bool("active"));
				case "ack" -> new VisitorFrame.Ack(frame.seq("seq", true));
				case "leave" -> new VisitorFrame.Leave();
				case "feedback" -> new VisitorFrame.Feedback(frame.code("helped", FEEDBACK));
				default -> throw FrameReader.unknownType(frame.type());
			};
		}
		catch (FrameException ex) {
			throw ex.naming(null, reference(frame, "clientMsgId"));
		}
	}

	CounsellorFrame counsellor(String text) {
		FrameReader.Raw frame = this.reader.read(text);
		try {
			return switch (frame.type()) {
				case "availability" -> new CounsellorFrame.SetAvailability(
						Availability.fromWire(frame.code("status", AVAILABILITY)).orElseThrow());
				case "accept" -> new CounsellorFrame.Accept(frame.id("conversationId"));
				case "decline" -> new CounsellorFrame.Decline(frame.id("conversationId"));
				case "resume" -> new CounsellorFrame.Resume(resumeEntries(frame));
				case "message" -> new CounsellorFrame.Message(frame.id("conversationId"), frame.id("clientMsgId"),
						messageText(frame));
				case "typing" -> new CounsellorFrame.Typing(frame.id("conversationId"), frame.bool("active"));
				case "ack" -> new CounsellorFrame.Ack(frame.id("conversationId"), frame.seq("seq", true));
				case "end" -> new CounsellorFrame.End(frame.id("conversationId"));
				case "transfer" -> new CounsellorFrame.Transfer(frame.id("conversationId"), frame.id("to"));
				case "take_next" -> new CounsellorFrame.TakeNext();
				case "block" -> new CounsellorFrame.Block(frame.id("conversationId"));
				default -> throw FrameReader.unknownType(frame.type());
			};
		}
		catch (FrameException ex) {
			throw ex.naming(reference(frame, "conversationId"), reference(frame, "clientMsgId"));
		}
	}

	private static VisitorFrame.Hello hello(FrameReader.Raw frame) {
		String token = frame.string("token");
		if (token.length() > FrameReader.MAX_TOKEN_LENGTH) {
			throw FrameReader.invalid("token is too long");
		}
		return new VisitorFrame.Hello(token, frame.seq("lastSeq", false));
	}

	private String messageText(FrameReader.Raw frame) {
		return MessageText.check(frame.string("text"), this.maxMessageLength);
	}

	private static Intake intake(@Nullable JsonNode node, FrameReader.Raw frame) {
		if (node == null) {
			return Intake.none();
		}
		FrameReader.Raw fields = frame.nested(node);
		return new Intake(fields.optionalCode("contactRole", CONTACT_ROLES),
				fields.optionalCode("ageGroup", AGE_GROUPS), fields.optionalBool("acuteDanger"));
	}

	private static List<CounsellorFrame.Resume.Entry> resumeEntries(FrameReader.Raw frame) {
		List<CounsellorFrame.Resume.Entry> entries = new ArrayList<>();
		for (JsonNode item : frame.array("conversations")) {
			FrameReader.Raw entry = frame.nested(item);
			entries.add(new CounsellorFrame.Resume.Entry(entry.id("conversationId"), entry.seq("lastSeq", false)));
		}
		return entries;
	}

	/** A field worth naming in an error: a string of a sensible length, else nothing. */
	private static @Nullable String reference(FrameReader.Raw frame, String field) {
		JsonNode value = frame.node().get(field);
		if (value == null || !value.isString()) {
			return null;
		}
		String text = value.asString();
		return (text.isBlank() || text.length() > FrameReader.MAX_ID_LENGTH) ? null : text;
	}

}
