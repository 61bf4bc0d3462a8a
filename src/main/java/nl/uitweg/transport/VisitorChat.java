package nl.uitweg.transport;

import java.time.Duration;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.AppendResult;
import nl.uitweg.conversation.ConversationEvent;
import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.conversation.ConversationState;
import nl.uitweg.conversation.ConversationStatus;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.conversation.Party;
import nl.uitweg.platform.StoreRetry;
import nl.uitweg.platform.Timers;
import nl.uitweg.visitor.VisitorSession;
import nl.uitweg.visitor.VisitorSessions;

/**
 * What each visitor frame does, delegated to the owning modules' façades. Stateless: the
 * connection it works on carries the state.
 */
@Component
class VisitorChat {

	private final VisitorSessions sessions;

	private final Conversations conversations;

	private final VisitorAdmission admission;

	private final VisitorLink link;

	private final Duration storeRetry;

	private final Timers timers;

	private final TypingRelay typingRelay;

	private final VisitorStart starts;

	private final ResumeMeters resumes;

	VisitorChat(VisitorSessions sessions, Conversations conversations, VisitorAdmission admission, VisitorLink link,
			ConversationProperties properties, Timers timers, TypingRelay typingRelay, VisitorStart starts,
			ResumeMeters resumes) {
		this.resumes = resumes;
		this.typingRelay = typingRelay;
		this.starts = starts;
		this.sessions = sessions;
		this.conversations = conversations;
		this.admission = admission;
		this.link = link;
		this.storeRetry = properties.storeRetry();
		this.timers = timers;
	}

	Mono<Void> hello(VisitorConnection connection, VisitorFrame.Hello hello) {
		if (connection.authenticated()) {
			throw new FrameException(ErrorCodes.ALREADY_AUTHENTICATED, "This connection already said hello.");
		}
		return this.sessions.authenticate(hello.token())
			.switchIfEmpty(Mono.error(() -> new FrameException(ErrorCodes.INVALID_TOKEN,
					"This chat session is unknown or has expired. Start a new one.")))
			.flatMap((session) -> {
				connection.authenticate(session);
				return this.admission.rememberAddress(session, connection.address())
					.then(welcome(connection, session, hello.lastSeq()));
			});
	}

	private Mono<Void> welcome(VisitorConnection connection, VisitorSession session, long lastSeq) {
		String conv = session.conversationId();
		if (conv == null) {
			connection.out().send(new OutboundFrame.VisitorWelcome("idle", null, null));
			return Mono.empty();
		}
		connection.switchTo(conv);
		return this.conversations.state(conv).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((found) -> {
			if (found.isEmpty()) {
				// Ended and past its retention: nothing left to show.
				connection.out().send(new OutboundFrame.VisitorWelcome("ended", conv, null));
				return Mono.<Void>empty();
			}
			ConversationState state = found.get();
			boolean active = state.status() == ConversationStatus.ACTIVE;
			var counsellor = (active && state.counsellorName() != null)
					? new ConversationEvent.Counsellor(state.counsellorName()) : null;
			connection.out().send(new OutboundFrame.VisitorWelcome(visitorState(state.status()), conv, counsellor));
			this.link.follow(connection, conv, lastSeq);
			if (!state.open()) {
				return Mono.<Void>empty();
			}
			this.resumes.visitor();
			if (!active) {
				this.link.watchPlace(connection, conv);
			}
			return this.link.present(connection, conv);
		});
	}

	/** An offer is invisible to the visitor: they still wait. */
	static String visitorState(ConversationStatus status) {
		return (status == ConversationStatus.OFFERED) ? ConversationStatus.QUEUED.wire() : status.wire();
	}

	Mono<Void> start(VisitorConnection connection, VisitorFrame.Start start) {
		return this.starts.start(connection, start.intake());
	}

	/**
	 * Stored before it is acknowledged; a short Redis outage delays the {@code sent}, it
	 * does not fail it (the client message id makes a retry safe).
	 */
	Mono<Void> message(VisitorConnection connection, VisitorFrame.Message message) {
		String conv = connection.requireConversation();
		String sessionId = connection.session().sessionId();
		return Mono.defer(() -> {
			connection.expectEcho(message.clientMsgId());
			return StoreRetry.within(this.storeRetry, this.timers.scheduler(),
					this.conversations.append(conv, Party.VISITOR, sessionId, message.clientMsgId(), message.text()));
		}).flatMap((result) -> {
			if (result instanceof AppendResult.Accepted accepted) {
				connection.out().send(new OutboundFrame.Sent(null, message.clientMsgId(), accepted.seq()));
				return Mono.<Void>empty();
			}
			connection.ownEcho(message.clientMsgId());
			return Mono.error(refusal(result));
		});
	}

	private static FrameException refusal(AppendResult result) {
		if (result instanceof AppendResult.RateLimited limited) {
			return FrameException.sendingTooFast(limited.retryAfterSeconds());
		}
		if (result instanceof AppendResult.Full) {
			return new FrameException(ErrorCodes.CONVERSATION_FULL,
					"This conversation cannot take more messages. Start a new one when it has ended.");
		}
		return (result instanceof AppendResult.NotYours)
				? new FrameException(ErrorCodes.NOT_YOUR_CONVERSATION, "This conversation is not yours.")
				: new FrameException(ErrorCodes.CONVERSATION_ENDED, "This conversation has ended.");
	}

	Mono<Void> typing(VisitorConnection connection, VisitorFrame.Typing typing) {
		return this.typingRelay.typing(connection.requireConversation(), Party.VISITOR, typing.active());
	}

	Mono<Void> ack(VisitorConnection connection, VisitorFrame.Ack ack) {
		return StoreRetry.within(this.storeRetry, this.timers.scheduler(),
				this.conversations.acknowledge(connection.requireConversation(), Party.VISITOR, ack.seq()));
	}

	/** Quick exit: the conversation ends now and the session is cut short. */
	Mono<Void> leave(VisitorConnection connection) {
		VisitorSession session = connection.session();
		String conv = connection.conversationId();
		Mono<Boolean> end = (conv != null) ? this.conversations.end(conv, "visitor_left") : Mono.just(false);
		return end.flatMap((ended) -> {
			connection.stopWatchingPlace();
			if (!ended) {
				connection.out().send(new OutboundFrame.Ended(conv, null, "visitor_left"));
			}
			return connection.stopPresence().then(this.sessions.shorten(session));
		});
	}

	Mono<Void> feedback(VisitorConnection connection, VisitorFrame.Feedback feedback) {
		String conv = connection.requireConversation();
		return this.conversations.state(conv)
			.map(ConversationState::open)
			.defaultIfEmpty(false)
			.flatMap((open) -> open
					? Mono.error(new FrameException(ErrorCodes.CONVERSATION_NOT_ACTIVE,
							"Feedback is for after the conversation."))
					: this.conversations.recordFeedback(conv, feedback.helped()));
	}

}
