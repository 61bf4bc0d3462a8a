package nl.uitweg.transport;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.counsellor.CounsellorPresence;
import nl.uitweg.counsellor.Role;
import nl.uitweg.counsellor.StaffDirectory;
import nl.uitweg.platform.RedisChannels;
import nl.uitweg.platform.Timers;
import nl.uitweg.presence.Presence;
import nl.uitweg.queue.QueueManagement;
import nl.uitweg.queue.QueueWatcher;

/**
 * {@code /ws/counsellor}: the counsellor console, authenticated by the staff session
 * cookie at the upgrade (Spring Security checks the role before this handler runs).
 */
@Component
class CounsellorSocketHandler implements WebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(CounsellorSocketHandler.class);

	private final Services services;

	private final StaffDirectory directory;

	private final JsonMapper json;

	/** What a counsellor connection works with. */
	record Services(FrameReader frames, CounsellorPresence presence, QueueManagement queue, QueueWatcher queueWatcher,
			Conversations conversations, RedisChannels channels, ReactiveStringRedisTemplate redis, Clock clock,
			Timers timers, Duration resumeFallback, int maxMessageLength, Presence heartbeats) {
	}

	CounsellorSocketHandler(JsonMapper json, StaffDirectory directory, CounsellorPresence presence,
			QueueManagement queue, QueueWatcher queueWatcher, Conversations conversations, RedisChannels channels,
			ReactiveStringRedisTemplate redis, Clock clock, Timers timers, TransportProperties properties,
			ConversationProperties conversationProperties, Presence heartbeats) {
		this.services = new Services(new FrameReader(json), presence, queue, queueWatcher, conversations, channels,
				redis, clock, timers, properties.resumeFallback(), conversationProperties.maxMessageLength(),
				heartbeats);
		this.directory = directory;
		this.json = json;
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		return session.getHandshakeInfo()
			.getPrincipal()
			.map(Principal::getName)
			.flatMap(this.directory::find)
			.filter((account) -> account.enabled() && account.hasRole(Role.COUNSELLOR))
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap((account) -> account.isPresent()
					? serve(session, new CounsellorConnection(this.services, new Outbound(this.json), account.get()))
					: session.close(CloseStatus.POLICY_VIOLATION.withReason("not a counsellor")));
	}

	private Mono<Void> serve(WebSocketSession session, CounsellorConnection connection) {
		log.info("Counsellor {} connected", connection.username());
		Mono<Void> inbound = connection.open().thenMany(session.receive().concatMap((message) -> {
			if (message.getType() != WebSocketMessage.Type.TEXT) {
				if (message.getType() == WebSocketMessage.Type.BINARY) {
					connection.unsupported();
				}
				return Mono.empty();
			}
			return connection.onText(message.getPayloadAsText());
		})).then();
		Mono<Void> outbound = session.send(connection.outbound().map(session::textMessage));
		// 'when', not 'zip': zip would cancel the outbound as soon as the inbound ends.
		return Mono.when(inbound.doFinally((signal) -> {
			log.info("Counsellor {} disconnected", connection.username());
			connection.close();
		}), outbound);
	}

}
