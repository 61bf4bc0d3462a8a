package nl.uitweg.transport;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;

/** Maps the two WebSocket endpoints. */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	@Bean
	HandlerMapping webSocketMapping(VisitorSocketHandler visitor, CounsellorSocketHandler counsellor) {
		return new SimpleUrlHandlerMapping(Map.of("/ws/visitor", visitor, "/ws/counsellor", counsellor), -1);
	}

	@Bean
	WebSocketHandlerAdapter webSocketHandlerAdapter() {
		return new WebSocketHandlerAdapter(new HandshakeWebSocketService(new EventLoopUpgradeStrategy()));
	}

}
