package nl.uitweg.transport;

import java.security.Principal;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.counsellor.Role;
import nl.uitweg.counsellor.StaffAccount;
import nl.uitweg.counsellor.StaffDirectory;
import nl.uitweg.platform.Timers;

/**
 * {@code /ws/counsellor}: the counsellor console, authenticated by the staff session
 * cookie at the upgrade (Spring Security checks the role before this handler runs).
 */
@Component
class CounsellorSocketHandler implements WebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(CounsellorSocketHandler.class);

	private final StaffDirectory directory;

	private final ConsoleSession consoles;

	private final ConsoleRouting routing;

	private final ConsoleChat chat;

	private final ConsoleStreams.Factory streams;

	private final FrameParser parser;

	private final JsonMapper json;

	private final TransportProperties properties;

	private final Timers timers;

	CounsellorSocketHandler(StaffDirectory directory, ConsoleSession consoles, ConsoleRouting routing, ConsoleChat chat,
			ConsoleStreams.Factory streams, JsonMapper json, ConversationProperties conversationProperties,
			TransportProperties properties, Timers timers) {
		this.directory = directory;
		this.consoles = consoles;
		this.routing = routing;
		this.chat = chat;
		this.streams = streams;
		this.parser = new FrameParser(new FrameReader(json), conversationProperties.maxMessageLength());
		this.json = json;
		this.properties = properties;
		this.timers = timers;
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		return session.getHandshakeInfo()
			.getPrincipal()
			.map(Principal::getName)
			.flatMap(this.directory::find)
			.filter((account) -> account.enabled() && account.hasRole(Role.COUNSELLOR))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((account) -> account.isPresent() ? serve(session, connection(account.get()))
					: session.close(CloseStatus.POLICY_VIOLATION.withReason("not a counsellor")));
	}

	private CounsellorConnection connection(StaffAccount account) {
		return new CounsellorConnection(this.routing, this.chat, this.parser,
				new Outbound(this.json, this.properties.outboundBuffer()), account, this.streams);
	}

	private Mono<Void> serve(WebSocketSession session, CounsellorConnection connection) {
		log.info("Counsellor {} connected", connection.username());
		SocketGuard guard = new SocketGuard(session, connection.out(), this.properties, this.timers.scheduler(),
				connection.username());
		Mono<Void> inbound = this.consoles.open(connection).thenMany(guard.inbound().concatMap((message) -> {
			if (message.getType() != WebSocketMessage.Type.TEXT) {
				if (message.getType() == WebSocketMessage.Type.BINARY) {
					connection.unsupported();
				}
				return Mono.empty();
			}
			return FrameErrors.toTheEnd(connection.onText(message.getPayloadAsText()));
		})).then();
		Mono<Void> outbound = session.send(guard.outbound(connection.outbound()));
		// 'when', not 'zip': zip would cancel the outbound as soon as the inbound ends.
		return Mono.when(inbound.doFinally((signal) -> {
			log.info("Counsellor {} disconnected", connection.username());
			guard.stop();
			this.consoles.close(connection);
		}), outbound);
	}

}
