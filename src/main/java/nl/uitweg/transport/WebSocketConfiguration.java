package nl.uitweg.transport;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;

import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.platform.ProblemWriter;

/**
 * Maps the two WebSocket endpoints. The paths are matched exactly: {@code /ws/visitor/}
 * is no WebSocket (404).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	/**
	 * The most a message frame can need besides its text: the JSON around it (type,
	 * conversation and client message ids).
	 */
	private static final int FRAME_OVERHEAD_BYTES = 512;

	/**
	 * A character of text can take six bytes in JSON: a control character is escaped in
	 * six.
	 */
	private static final int MAX_JSON_BYTES_PER_CHAR = 6;

	@Bean
	HandlerMapping webSocketMapping(VisitorSocketHandler visitor, CounsellorSocketHandler counsellor) {
		return new SimpleUrlHandlerMapping(Map.of("/ws/visitor", visitor, "/ws/counsellor", counsellor), -1);
	}

	@Bean
	WebSocketHandlerAdapter webSocketHandlerAdapter(TransportProperties properties,
			ConversationProperties conversations, ProblemWriter problems) {
		int maxFrameBytes = maxFrameBytes(properties, conversations);
		return new WebSocketHandlerAdapter(
				new OriginCheckingWebSocketService(new EventLoopUpgradeStrategy(maxFrameBytes),
						new AllowedOrigins(properties.allowedOrigins()), problems));
	}

	/**
	 * The frame limit, refusing one that the longest message allowed would not fit in:
	 * such a message must get its {@code message_too_long} error, not a close.
	 */
	static int maxFrameBytes(TransportProperties properties, ConversationProperties conversations) {
		long needed = (long) conversations.maxMessageLength() * MAX_JSON_BYTES_PER_CHAR + FRAME_OVERHEAD_BYTES;
		long configured = properties.maxFrameBytes().toBytes();
		if (configured < needed || configured > Integer.MAX_VALUE) {
			throw new IllegalStateException("uitweg.transport.max-frame-bytes is " + configured
					+ " bytes; with uitweg.conversation.max-message-length " + conversations.maxMessageLength()
					+ " it must be at least " + needed + " bytes (and below 2 GB)");
		}
		return (int) configured;
	}

}
