package nl.uitweg.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.ConversationState;
import nl.uitweg.conversation.ConversationStatus;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.conversation.Intake;
import nl.uitweg.conversation.Party;
import nl.uitweg.queue.EnqueueResult;
import nl.uitweg.queue.QueueManagement;
import nl.uitweg.visitor.VisitorSession;
import nl.uitweg.visitor.VisitorSessions;

/**
 * What a visitor's {@code start} does: admission (blocks, opening hours), the limit on
 * acute priority, the queue's own checks (one open conversation per session, maximum
 * length), and then following the new conversation. Stateless.
 */
@Component
class VisitorStart {

	private static final Logger log = LoggerFactory.getLogger(VisitorStart.class);

	private final VisitorSessions sessions;

	private final QueueManagement queue;

	private final Conversations conversations;

	private final VisitorAdmission admission;

	private final VisitorLink link;

	VisitorStart(VisitorSessions sessions, QueueManagement queue, Conversations conversations,
			VisitorAdmission admission, VisitorLink link) {
		this.sessions = sessions;
		this.queue = queue;
		this.conversations = conversations;
		this.admission = admission;
		this.link = link;
	}

	/**
	 * A session has at most one open conversation: {@code enqueue.lua} checks that
	 * atomically, so two tabs starting at once still get one.
	 */
	Mono<Void> start(VisitorConnection connection, Intake intake) {
		return this.sessions.reload(connection.session())
			.flatMap((session) -> hasOpenConversation(session).flatMap((open) -> {
				if (open) {
					// Blocks, hours and limits do not apply to the conversation already
					// open.
					return this.queue.enqueue(session, intake, false)
						.flatMap((result) -> joined(connection, session, result, false));
				}
				return this.admission.check(session, connection.address()).flatMap((refusal) -> {
					if (refusal.isPresent()) {
						connection.out().send(refusal.get());
						return Mono.<Void>empty();
					}
					return this.admission.acutePriority(session, connection.address(), intake)
						.flatMap((priority) -> this.queue.enqueue(session, intake, priority)
							.flatMap((result) -> joined(connection, session, result, !priority)));
				});
			}));
	}

	private Mono<Boolean> hasOpenConversation(VisitorSession session) {
		String conv = session.conversationId();
		return (conv == null) ? Mono.just(false)
				: this.conversations.state(conv).map(ConversationState::open).defaultIfEmpty(false);
	}

	private Mono<Void> joined(VisitorConnection connection, VisitorSession session, EnqueueResult result,
			boolean acuteLimited) {
		if (result instanceof EnqueueResult.Queued queued) {
			String conv = queued.conversationId();
			followIfNew(connection, conv);
			this.link.watchPlace(connection, conv);
			return this.link.present(connection, conv)
				.then(this.link.sendPlaceNow(connection, conv))
				.then(acuteLimited ? acuteLimited(connection, session, conv) : Mono.empty());
		}
		if (result instanceof EnqueueResult.AlreadyOpen open) {
			// Starting twice (or from a second tab) is refused by name, then told where
			// things stand.
			String conv = open.conversationId();
			followIfNew(connection, conv);
			connection.out()
				.send(FrameException.about(conv, ErrorCodes.CONVERSATION_OPEN, "You already have an open conversation.")
					.frame());
			connection.out()
				.send(new OutboundFrame.VisitorWelcome(VisitorChat.visitorState(open.status()), conv, null));
			if (open.status() != ConversationStatus.ACTIVE) {
				this.link.watchPlace(connection, conv);
			}
			return this.link.present(connection, conv);
		}
		if (result instanceof EnqueueResult.Full) {
			connection.out().send(this.admission.full());
			return Mono.empty();
		}
		throw new FrameException(ErrorCodes.INVALID_TOKEN, "This chat session has expired. Start a new one.");
	}

	/**
	 * Says so twice: an error frame by code for the client, and a system message in the
	 * conversation, with 112, that the visitor reads and the counsellor sees.
	 */
	private Mono<Void> acuteLimited(VisitorConnection connection, VisitorSession session, String conv) {
		connection.out()
			.send(FrameException.about(conv, ErrorCodes.ACUTE_PRIORITY_LIMITED,
					"You wait in the normal order: priority was asked for often from your network. In danger now? Call 112.")
				.frame());
		return this.conversations.append(conv, Party.SYSTEM, "", "", this.admission.acuteLimitedNotice(session))
			.then()
			.onErrorResume((ex) -> {
				log.warn("Visitor connection {}: the acute-priority notice was not stored ({})", connection.shortId(),
						ex.getClass().getSimpleName());
				return Mono.empty();
			});
	}

	private void followIfNew(VisitorConnection connection, String conv) {
		boolean known = conv.equals(connection.conversationId());
		connection.switchTo(conv);
		if (!known) {
			this.link.follow(connection, conv, 0);
		}
	}

}
