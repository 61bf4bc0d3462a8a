package nl.uitweg.transport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frames going out on one WebSocket connection. Frames come from several threads (the
 * inbound handler, Redis subscriptions, timers), so emission is serialised here.
 */
final class Outbound {

	private final Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();

	private final JsonMapper json;

	Outbound(JsonMapper json) {
		this.json = json;
	}

	Flux<String> frames() {
		return this.sink.asFlux();
	}

	void send(Map<String, ?> frame) {
		String text = this.json.writeValueAsString(frame);
		synchronized (this.sink) {
			this.sink.tryEmitNext(text);
		}
	}

	void error(String code, String message, @Nullable String conversationId) {
		Map<String, Object> frame = frame("error", "code", code, "message", message);
		if (conversationId != null) {
			frame.put("conversationId", conversationId);
		}
		send(frame);
	}

	void complete() {
		synchronized (this.sink) {
			this.sink.tryEmitComplete();
		}
	}

	/**
	 * A frame as an ordered map: type first, then name/value pairs; null values are left
	 * out.
	 */
	static Map<String, Object> frame(String type, @Nullable Object... namesAndValues) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", type);
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			if (namesAndValues[i + 1] != null) {
				frame.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
			}
		}
		return frame;
	}

}
