package nl.uitweg.transport;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import nl.uitweg.conversation.ConversationEvent;
import nl.uitweg.conversation.Intake;
import nl.uitweg.counsellor.Availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frames in: read once into records. Frames out: written from records, one writer. */
class FrameParserUnitTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FrameParser parser = new FrameParser(new FrameReader(JSON), 10);

	@Test
	void readsEachVisitorFrameIntoItsRecord() {
		assertThat(this.parser.visitor("{\"type\":\"hello\",\"token\":\"t\",\"lastSeq\":4}", true))
			.isEqualTo(new VisitorFrame.Hello("t", 4));
		assertThat(this.parser.visitor("{\"type\":\"start\",\"intake\":{\"ageGroup\":\"AGE_13_17\"}}", false))
			.isEqualTo(new VisitorFrame.Start(new Intake(null, "AGE_13_17", null)));
		assertThat(this.parser.visitor("{\"type\":\"start\"}", false)).isEqualTo(new VisitorFrame.Start(Intake.none()));
		assertThat(this.parser.visitor("{\"type\":\"message\",\"clientMsgId\":\"m1\",\"text\":\"hoi\"}", false))
			.isEqualTo(new VisitorFrame.Message("m1", "hoi"));
		assertThat(this.parser.visitor("{\"type\":\"feedback\",\"helped\":\"PARTLY\"}", false))
			.isEqualTo(new VisitorFrame.Feedback("PARTLY"));
	}

	@Test
	void beforeHelloOnlyHelloIsRead() {
		assertThatThrownBy(() -> this.parser.visitor("{\"type\":\"message\"}", true)).extracting("code")
			.isEqualTo("hello_required");
		assertThatThrownBy(() -> this.parser.visitor("{\"type\":\"nonsense\"}", true)).extracting("code")
			.isEqualTo("hello_required");
	}

	@Test
	void readsEachCounsellorFrameIntoItsRecord() {
		assertThat(this.parser.counsellor("{\"type\":\"availability\",\"status\":\"away\"}"))
			.isEqualTo(new CounsellorFrame.SetAvailability(Availability.AWAY));
		assertThat(this.parser
			.counsellor("{\"type\":\"resume\",\"conversations\":[{\"conversationId\":\"c1\",\"lastSeq\":7}]}"))
			.isEqualTo(new CounsellorFrame.Resume(List.of(new CounsellorFrame.Resume.Entry("c1", 7))));
		assertThat(this.parser.counsellor("{\"type\":\"transfer\",\"conversationId\":\"c1\",\"to\":\"queue\"}"))
			.isEqualTo(new CounsellorFrame.Transfer("c1", "queue"));
		assertThat(this.parser.counsellor("{\"type\":\"take_next\"}")).isEqualTo(new CounsellorFrame.TakeNext());
	}

	@Test
	void aRefusedFrameStillNamesItsConversationAndMessage() {
		assertThatThrownBy(() -> this.parser.counsellor(
				"{\"type\":\"message\",\"conversationId\":\"c1\",\"clientMsgId\":\"m1\",\"text\":\"far too long\"}"))
			.isInstanceOfSatisfying(FrameException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo("message_too_long");
				assertThat(ex.conversationId()).isEqualTo("c1");
				assertThat(ex.clientMsgId()).isEqualTo("m1");
			});
		assertThatThrownBy(
				() -> this.parser.visitor("{\"type\":\"message\",\"clientMsgId\":\"m2\",\"text\":\" \"}", false))
			.isInstanceOfSatisfying(FrameException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo("empty_message");
				assertThat(ex.clientMsgId()).isEqualTo("m2");
			});
		assertThatThrownBy(() -> this.parser.counsellor("{\"type\":\"end\",\"conversationId\":7}"))
			.isInstanceOfSatisfying(FrameException.class, (ex) -> assertThat(ex.conversationId()).isNull());
	}

	@Test
	void writesFramesWithTheirTypeFirstAndWithoutAbsentFields() {
		var writer = JSON.writerFor(OutboundFrame.class);
		assertThat(writer.writeValueAsString(new OutboundFrame.Sent(null, "m1", 3)))
			.isEqualTo("{\"type\":\"sent\",\"clientMsgId\":\"m1\",\"seq\":3}");
		assertThat(writer.writeValueAsString(new OutboundFrame.Error("not_your_conversation", "No.", "c1", "m1")))
			.isEqualTo(
					"{\"type\":\"error\",\"code\":\"not_your_conversation\",\"message\":\"No.\",\"conversationId\":\"c1\",\"clientMsgId\":\"m1\"}");
		assertThat(writer
			.writeValueAsString(new OutboundFrame.Assigned("c1", 2L, new ConversationEvent.Counsellor("Sam"))))
			.isEqualTo(
					"{\"type\":\"assigned\",\"conversationId\":\"c1\",\"seq\":2,\"counsellor\":{\"displayName\":\"Sam\"}}");
		assertThat(writer.writeValueAsString(new OutboundFrame.Offer("c1", Intake.none(), 42, null)))
			.isEqualTo("{\"type\":\"offer\",\"conversationId\":\"c1\",\"intake\":{},\"waitedSeconds\":42}");
	}

}
