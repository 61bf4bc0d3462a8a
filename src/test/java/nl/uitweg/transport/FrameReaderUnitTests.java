package nl.uitweg.transport;

import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameReaderUnitTests {

	private final FrameReader reader = new FrameReader(JsonMapper.builder().build());

	@Test
	void readsTheTypeAndTypedFields() {
		FrameReader.Raw frame = this.reader.read("{\"type\":\"ack\",\"seq\":12,\"extra\":\"ignored\"}");
		assertThat(frame.type()).isEqualTo("ack");
		assertThat(frame.seq("seq", true)).isEqualTo(12);
	}

	@Test
	void refusesWhatIsNotAnObjectWithAType() {
		assertThatThrownBy(() -> this.reader.read("nope")).isInstanceOf(FrameException.class)
			.extracting("code")
			.isEqualTo("invalid_json");
		assertThatThrownBy(() -> this.reader.read("\"text\"")).extracting("code").isEqualTo("invalid_frame");
		assertThatThrownBy(() -> this.reader.read("{\"type\":7}")).extracting("code").isEqualTo("invalid_frame");
		assertThatThrownBy(() -> this.reader.read("{\"type\":\"\"}")).extracting("code").isEqualTo("invalid_frame");
	}

	@Test
	void checksFieldTypesCodesAndLengths() {
		FrameReader.Raw frame = this.reader
			.read("{\"type\":\"x\",\"n\":1.5,\"s\":5,\"b\":\"true\",\"code\":\"NOPE\",\"id\":\"" + "i".repeat(65)
					+ "\"}");
		assertThatThrownBy(() -> frame.seq("n", true)).extracting("code").isEqualTo("invalid_frame");
		assertThatThrownBy(() -> frame.string("s")).extracting("code").isEqualTo("invalid_frame");
		assertThatThrownBy(() -> frame.bool("b")).extracting("code").isEqualTo("invalid_frame");
		assertThatThrownBy(() -> frame.code("code", Set.of("YES", "NO"))).extracting("code").isEqualTo("invalid_frame");
		assertThatThrownBy(() -> frame.id("id")).extracting("code").isEqualTo("invalid_frame");
		assertThatThrownBy(() -> frame.seq("missing", true)).extracting("code").isEqualTo("invalid_frame");
		assertThat(frame.seq("missing", false)).isZero();
		assertThat(frame.optionalCode("missing", Set.of("YES"))).isNull();
	}

	@Test
	void messageTextMustHaveContentAndFitTheLimitInCharactersNotBytes() {
		assertThatThrownBy(() -> MessageText.check(" \n\t", 10)).extracting("code").isEqualTo("empty_message");
		assertThat(MessageText.check("😀".repeat(10), 10)).hasSize(20);
		assertThatThrownBy(() -> MessageText.check("😀".repeat(11), 10)).extracting("code")
			.isEqualTo("message_too_long");
	}

}
