package nl.uitweg.transport;

import java.security.Principal;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
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

	private final LiveSockets live;

	private final TransportProperties properties;

	private final Timers timers;

	private final SocketTicker ticker;

	CounsellorSocketHandler(StaffDirectory directory, ConsoleSession consoles, ConsoleRouting routing, ConsoleChat chat,
			ConsoleStreams.Factory streams, JsonMapper json, ConversationProperties conversationProperties,
			TransportProperties properties, Timers timers, SocketTicker ticker, LiveSockets live) {
		this.live = live;
		this.directory = directory;
		this.consoles = consoles;
		this.routing = routing;
		this.chat = chat;
		this.streams = streams;
		this.parser = new FrameParser(new FrameReader(json), conversationProperties.maxMessageLength());
		this.json = json;
		this.properties = properties;
		this.timers = timers;
		this.ticker = ticker;
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

	/** What the handler needs of an inbound message, taken while its buffer is valid. */
	private record Received(@Nullable String text, boolean binary) {

		static Received of(WebSocketMessage message) {
			return (message.getType() == WebSocketMessage.Type.TEXT) ? new Received(message.getPayloadAsText(), false)
					: new Received(null, message.getType() == WebSocketMessage.Type.BINARY);
		}

	}

	private Mono<Void> serve(WebSocketSession session, CounsellorConnection connection) {
		log.info("Counsellor {} connected", connection.username());
		Runnable unregister = this.live.register(connection.out(), LiveSockets.Endpoint.COUNSELLOR);
		SocketGuard guard = new SocketGuard(session, connection.out(), this.properties, this.timers.scheduler(),
				connection.username(), this.ticker);
		// Read from the first moment: a frame that arrives while the console is being
		// opened (an oversized one included) must meet a subscriber, or Reactor Netty
		// logs its error as uncaught. Handling waits until the console is open; the
		// read keeps its back-pressure (concatMap's bounded prefetch).
		Mono<Void> opened = this.consoles.open(connection).cache();
		Mono<Void> frames = guard.inbound().map(Received::of).concatMap((message) -> opened.then(Mono.defer(() -> {
			if (message.text() == null) {
				if (message.binary()) {
					connection.unsupported();
				}
				return Mono.empty();
			}
			return FrameErrors.toTheEnd(connection.onText(message.text()));
		}))).then();
		Mono<Void> inbound = Mono.when(opened, frames);
		Mono<Void> outbound = session.send(guard.outbound(connection.outbound()));
		// 'when', not 'zip': zip would cancel the outbound as soon as the inbound ends.
		return Mono.when(inbound.doFinally((signal) -> {
			log.info("Counsellor {} disconnected", connection.username());
			guard.stop();
			unregister.run();
			this.consoles.close(connection);
		}), outbound);
	}

}
