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
 * serialised here. At most a bounded number of frames wait for the socket: a client that
 * stops reading would otherwise make the server hold everything sent to it.
 */
final class Outbound {

	/** A client that lets the buffer fill up; it may reconnect and resume. */
	static final CloseStatus NOT_READING = new CloseStatus(4008, "not reading");

	private final Sinks.Many<String> sink;

	private final Sinks.One<CloseStatus> closing = Sinks.one();

	private final ObjectWriter writer;

	Outbound(JsonMapper json, int capacity) {
		this.writer = json.writerFor(OutboundFrame.class);
		// Grows with what waits: a full-size array per connection would cost every
		// waiting visitor the whole bound in heap.
		this.sink = Sinks.many().unicast().onBackpressureBuffer(new GrowingQueue<>(capacity));
	}

	Flux<String> frames() {
		return this.sink.asFlux();
	}

	void send(OutboundFrame frame) {
		String text = this.writer.writeValueAsString(frame);
		Sinks.EmitResult result;
		synchronized (this.sink) {
			result = this.sink.tryEmitNext(text);
		}
		// Both mean the buffer is full (the second before the socket subscribed).
		if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
			// The frame is lost with the connection; the client resumes from its lastSeq.
			close(NOT_READING);
		}
	}

	void error(FrameException ex) {
		send(ex.frame());
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
		this.closing.tryEmitEmpty();
	}

}
