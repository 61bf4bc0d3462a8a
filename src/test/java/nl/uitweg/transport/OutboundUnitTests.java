package nl.uitweg.transport;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.socket.CloseStatus;

/** The outbound buffer of a connection is bounded, and a full one asks for a close. */
class OutboundUnitTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Test
	void aClientThatDoesNotReadIsClosedAndNoMoreThanTheBoundIsHeld() {
		Outbound out = new Outbound(JsonMapper.builder().build(), 8);
		for (int i = 0; i < 1000; i++) {
			out.send(new OutboundFrame.Typing(null, "counsellor", true));
		}
		out.closeRequests().as(StepVerifier::create).expectNext(Outbound.NOT_READING).expectComplete().verify(WAIT);
		out.complete();
		out.frames().as(StepVerifier::create).expectNextCount(8).expectComplete().verify(WAIT);
	}

	@Test
	void aClientThatReadsIsNeverClosed() {
		Outbound out = new Outbound(JsonMapper.builder().build(), 8);
		out.frames().as(StepVerifier::create).then(() -> {
			for (int i = 0; i < 1000; i++) {
				out.send(new OutboundFrame.Typing(null, "counsellor", true));
			}
			out.complete();
		}).expectNextCount(1000).expectComplete().verify(WAIT);
		out.closeRequests().as(StepVerifier::create).expectComplete().verify(WAIT);
	}

	@Test
	void theFirstCloseAskedForWins() {
		Outbound out = new Outbound(JsonMapper.builder().build(), 8);
		out.close(new CloseStatus(4001, "first"));
		out.close(Outbound.NOT_READING);
		out.closeRequests()
			.as(StepVerifier::create)
			.expectNextMatches((status) -> status.getCode() == 4001)
			.expectComplete()
			.verify(WAIT);
	}

}
