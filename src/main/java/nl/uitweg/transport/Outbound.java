package nl.uitweg.transport;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The frames going out on one WebSocket connection, written by one writer. Frames come
 * from several threads (the inbound handler, Redis subscriptions, timers), so emission is
 * serialised here.
 */
final class Outbound {

	private final Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.One<CloseStatus> closing = Sinks.one();

	private final ObjectWriter writer;

	Outbound(JsonMapper json) {
		this.writer = json.writerFor(OutboundFrame.class);
	}

	Flux<String> frames() {
		return this.sink.asFlux();
	}

	void send(OutboundFrame frame) {
		String text = this.writer.writeValueAsString(frame);
		synchronized (this.sink) {
			this.sink.tryEmitNext(text);
		}
	}

	void error(FrameException ex) {
		send(new OutboundFrame.Error(ex.code(), ex.getMessage(), ex.conversationId(), ex.clientMsgId()));
	}

	/**
	 * Asks the socket handler to close the connection with this status (a revoked
	 * session, a client that does not read); the first request wins.
	 */
	void close(CloseStatus status) {
		this.closing.tryEmitValue(status);
	}

	/** The close asked for, if any; the socket handler carries it out. */
	Mono<CloseStatus> closeRequests() {
		return this.closing.asMono();
	}

	void complete() {
		synchronized (this.sink) {
			this.sink.tryEmitComplete();
		}
	}

}
