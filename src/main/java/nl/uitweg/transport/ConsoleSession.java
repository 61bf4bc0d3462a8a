package nl.uitweg.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import nl.uitweg.conversation.ConversationState;
import nl.uitweg.conversation.ConversationStatus;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.counsellor.CounsellorPresence;
import nl.uitweg.counsellor.StaffSessions;
import nl.uitweg.platform.Timers;
import nl.uitweg.presence.Presence;
import nl.uitweg.queue.CounsellorNotice;
import nl.uitweg.queue.CounsellorNotices;
import nl.uitweg.queue.QueueWatcher;

/**
 * The life of a console connection around its frames: on open it subscribes to the
 * counsellor's notices, registers presence, sends the welcome with the conversations it
 * holds, and starts queue alerts; on close it takes all of that back.
 */
@Component
class ConsoleSession {

	private static final Logger log = LoggerFactory.getLogger(ConsoleSession.class);

	/**
	 * Close code of a console whose staff session ended (logout, disabled account, new
	 * password); the reason names which.
	 */
	static final int SIGNED_OUT = 4401;

	private final CounsellorNotices notices;

	private final CounsellorPresence presence;

	private final Presence heartbeats;

	private final Conversations conversations;

	private final QueueWatcher queueWatcher;

	private final Clock clock;

	private final Timers timers;

	private final Duration resumeFallback;

	private final StaffSessions sessions;

	ConsoleSession(CounsellorNotices notices, CounsellorPresence presence, Presence heartbeats,
			Conversations conversations, QueueWatcher queueWatcher, Clock clock, Timers timers,
			TransportProperties properties, StaffSessions sessions) {
		this.sessions = sessions;
		this.notices = notices;
		this.presence = presence;
		this.heartbeats = heartbeats;
		this.conversations = conversations;
		this.queueWatcher = queueWatcher;
		this.clock = clock;
		this.timers = timers;
		this.resumeFallback = properties.resumeFallback();
	}

	Mono<Void> open(CounsellorConnection connection) {
		String username = connection.username();
		return webSessionId().doOnNext(connection::openedWith)
			.then(this.notices.subscribe(username))
			.flatMap((notices) -> {
				connection.tasks().run("notices", notices.doOnNext((notice) -> show(connection, notice)));
				connection.registered(this.heartbeats.counsellorConnected(username, connection.connectionId()));
				return this.presence.connected(connection.account(), connection.connectionId());
			})
			.flatMap((standing) -> held(username).collectList().doOnNext((states) -> {
				var me = new OutboundFrame.ConsoleWelcome.Me(username, connection.account().displayName(),
						standing.capacity(), standing.status().wire(), standing.load());
				List<OutboundFrame.ConsoleWelcome.ConsoleConversation> listed = states.stream()
					.map((s) -> new OutboundFrame.ConsoleWelcome.ConsoleConversation(s.id(), s.status().wire(),
							s.lastSeq(), s.intake()))
					.toList();
				connection.out().send(new OutboundFrame.ConsoleWelcome(me, listed));
				for (ConversationState state : states) {
					if (state.status() == ConversationStatus.OFFERED) {
						connection.out()
							.send(new OutboundFrame.Offer(state.id(), state.intake(), waitedSeconds(state), null));
					}
					else if (state.status() == ConversationStatus.ACTIVE) {
						connection.awaitResume(state.id(), state.counsellorAck());
					}
				}
			}))
			.then(Mono.fromRunnable(() -> {
				// A sign-out between the handshake and the subscription reached no
				// notice: look once more, now that none can be missed.
				connection.tasks()
					.run("sign-out check", this.sessions.whySignedOut(username, connection.sessionId())
						.doOnNext((reason) -> connection.signedOut(reason.wire())));
				watchQueue(connection);
				connection.tasks()
					.run("resume fallback", Mono.delay(this.resumeFallback, this.timers.scheduler())
						.doOnNext((tick) -> connection.resumeFallback()));
			}));
	}

	/**
	 * The id of the staff web session the upgrade request carried. The handshake runs in
	 * the request's Reactor context, where Spring Security puts the exchange.
	 */
	private static Mono<String> webSessionId() {
		return Mono.deferContextual((context) -> context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
			.map((exchange) -> exchange.getSession().map(WebSession::getId))
			.orElseGet(Mono::empty));
	}

	/** Offered to or held by this counsellor. */
	private Flux<ConversationState> held(String username) {
		return this.presence.conversations(username)
			.concatMap(this.conversations::state)
			.filter((state) -> state.heldBy(username) || username.equals(state.offeredTo()));
	}

	private long waitedSeconds(ConversationState state) {
		return Math.max(0, (this.clock.millis() - state.queuedAtMillis()) / 1000);
	}

	/**
	 * Queue alerts: while someone waits, every refresh tells this counsellor, as long as
	 * they are available with room for another conversation; when the queue empties,
	 * once.
	 */
	private void watchQueue(CounsellorConnection connection) {
		AtomicLong lastWaiting = new AtomicLong(-1);
		// Only the two figures travel on: a whole snapshot kept per console would grow
		// with the queue.
		Flux<OutboundFrame.QueueAlert> alerts = this.queueWatcher.snapshots()
			.map((snapshot) -> new OutboundFrame.QueueAlert(snapshot.waiting(), snapshot.longestWaitSeconds()));
		connection.tasks().run("queue alerts", alerts.concatMap((alert) -> {
			if (alert.waiting() == 0) {
				return (lastWaiting.getAndSet(0) != 0) ? Mono.just(alert) : Mono.empty();
			}
			return this.presence.standing(connection.username())
				.filter(CounsellorPresence.Standing::canTakeMore)
				.doOnNext((standing) -> lastWaiting.set(alert.waiting()))
				.map((standing) -> alert)
				.onErrorResume((ex) -> Mono.empty());
		}).doOnNext(connection.out()::send));
	}

	private void show(CounsellorConnection connection, CounsellorNotice notice) {
		Outbound out = connection.out();
		if (notice instanceof CounsellorNotice.Offer offer) {
			out.send(new OutboundFrame.Offer(offer.conversationId(), offer.intake(), offer.waitedSeconds(),
					offer.transferFrom()));
		}
		else if (notice instanceof CounsellorNotice.Transferred transferred) {
			// A colleague took it over: stop showing this conversation here.
			connection.streams().stop(transferred.conversationId());
			out.send(new OutboundFrame.Transferred(transferred.conversationId(), transferred.to()));
		}
		else if (notice instanceof CounsellorNotice.TransferDeclined declined) {
			out.send(new OutboundFrame.TransferDeclined(declined.conversationId(), declined.by(), declined.reason()));
		}
		else if (notice instanceof CounsellorNotice.Assigned assigned) {
			// Accepted in another tab of this counsellor: follow it here too.
			if (connection.streams().followIfNew(assigned.conversationId())) {
				out.send(OutboundFrame.Assigned.toConsole(assigned.conversationId()));
			}
		}
		else if (notice instanceof CounsellorNotice.OfferWithdrawn withdrawn) {
			out.send(new OutboundFrame.OfferWithdrawn(withdrawn.conversationId(), withdrawn.reason()));
		}
		else if (notice instanceof CounsellorNotice.AvailabilityChanged changed) {
			out.send(new OutboundFrame.Availability(changed.status(), null, null, changed.reason()));
		}
		else if (notice instanceof CounsellorNotice.SignedOut signedOut) {
			String mine = connection.sessionId();
			if (signedOut.session() == null
					|| (mine != null && signedOut.session().equals(StaffSessions.fingerprint(mine)))) {
				connection.signedOut(signedOut.reason());
			}
		}
	}

	void close(CounsellorConnection connection) {
		Presence.Tracked tracked = connection.close();
		if (tracked == null) {
			// Never registered (closed during the handshake): nothing to take back.
			return;
		}
		tracked.forget();
		String username = connection.username();
		// A last write of its own: not cancelled with the connection's tasks.
		this.presence.disconnected(username, connection.connectionId())
			.subscribe(null, (ex) -> log.warn("Could not record that {} disconnected: {}", username, ex.toString()));
	}

}
