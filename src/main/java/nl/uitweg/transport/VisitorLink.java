package nl.uitweg.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.ConversationEvent;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.conversation.Party;
import nl.uitweg.presence.Presence;
import nl.uitweg.queue.QueueWatcher;

/**
 * What ties a visitor's connection to their conversation: its event stream turned into
 * frames, the place in line while waiting, and this instance vouching for the visitor.
 */
@Component
class VisitorLink {

	private static final Logger log = LoggerFactory.getLogger(VisitorLink.class);

	private final Conversations conversations;

	private final QueueWatcher queueWatcher;

	private final Presence presence;

	VisitorLink(Conversations conversations, QueueWatcher queueWatcher, Presence presence) {
		this.conversations = conversations;
		this.queueWatcher = queueWatcher;
		this.presence = presence;
	}

	/** Every event after lastSeq, then live ones, as frames. */
	void follow(VisitorConnection connection, String conv, long lastSeq) {
		connection.follow(
				this.conversations.stream(conv, lastSeq).subscribe((event) -> show(connection, conv, event), (ex) -> {
					log.warn("Visitor connection {} lost its conversation stream: {}", connection.shortId(),
							ex.toString());
					connection.closeForResume();
				}));
	}

	void watchPlace(VisitorConnection connection, String conv) {
		connection.watchPlace(this.queueWatcher.place(conv)
			.subscribe((place) -> sendPlace(connection, conv, place.position(), place.estimatedWaitSeconds()),
					(ex) -> log.debug("Place updates of {} ended: {}", connection.shortId(), ex.toString())));
	}

	/**
	 * The first place in line, right after joining, before the next shared refresh. A
	 * conversation already offered to a counsellor is first in line, with no wait to
	 * speak of.
	 */
	Mono<Void> sendPlaceNow(VisitorConnection connection, String conv) {
		return this.queueWatcher.placeNow(conv)
			.doOnNext((place) -> sendPlace(connection, conv, place.position(), place.estimatedWaitSeconds()))
			.then();
	}

	private static void sendPlace(VisitorConnection connection, String conv, int position, long waitSeconds) {
		if (connection.placeChanged(position, waitSeconds)) {
			connection.out().send(new OutboundFrame.Queued(conv, position, waitSeconds));
		}
	}

	Mono<Void> present(VisitorConnection connection, String conv) {
		if (connection.tracksPresence()) {
			return Mono.empty();
		}
		return this.presence.visitorConnected(conv).doOnNext(connection::present).then();
	}

	private void show(VisitorConnection connection, String conv, ConversationEvent event) {
		Outbound out = connection.out();
		switch (event.type()) {
			case MESSAGE -> {
				if (event.echoOf(Party.VISITOR) && connection.ownEcho(event.clientMsgId())) {
					return;
				}
				out.send(new OutboundFrame.Message(null, event.seq(), event.from(), event.text(), event.sentAt()));
			}
			case ASSIGNED -> {
				connection.stopWatchingPlace();
				out.send(new OutboundFrame.Assigned(conv, event.seq(), event.counsellor()));
			}
			case REQUEUED -> {
				out.send(new OutboundFrame.Event(null, event.seq(), event.type().wire(), event.reason(),
						event.sentAt()));
				connection.placeReset();
				watchPlace(connection, conv);
			}
			case ENDED -> {
				connection.stopWatchingPlace();
				out.send(new OutboundFrame.Ended(conv, event.seq(), event.reason()));
				connection.tasks().run("presence stop", connection.stopPresence());
			}
			case TYPING -> {
				if (!Party.VISITOR.wire().equals(event.from())) {
					out.send(new OutboundFrame.Typing(null, event.from(), Boolean.TRUE.equals(event.active())));
				}
			}
			default -> log.debug("Ignoring conversation event of type {}", event.type());
		}
	}

}
