package nl.uitweg.transport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.ConversationEvent;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.conversation.Party;

/**
 * The conversations one console follows: a stream per conversation from its log, turned
 * into frames, with the console's own messages answered by 'sent' instead of an echo.
 */
final class ConsoleStreams {

	private static final Logger log = LoggerFactory.getLogger(ConsoleStreams.class);

	private final Conversations conversations;

	private final Outbound out;

	private final String username;

	private final ConnectionTasks tasks;

	/**
	 * One slot per followed conversation; a restart swaps the slot, never leaks the old
	 * stream.
	 */
	private final Map<String, Disposable.Swap> streams = new ConcurrentHashMap<>();

	/** Client ids this console submitted; their echo is answered by 'sent', not shown. */
	private final Set<String> ownMessages = ConcurrentHashMap.newKeySet();

	/** The highest seq of each conversation already sent on this connection. */
	private final Map<String, Long> delivered = new ConcurrentHashMap<>();

	/** Makes one per console connection, with the conversation façade. */
	@Component
	static class Factory {

		private final Conversations conversations;

		Factory(Conversations conversations) {
			this.conversations = conversations;
		}

		ConsoleStreams create(Outbound out, String username, ConnectionTasks tasks) {
			return new ConsoleStreams(this.conversations, out, username, tasks);
		}

	}

	private ConsoleStreams(Conversations conversations, Outbound out, String username, ConnectionTasks tasks) {
		this.conversations = conversations;
		this.out = out;
		this.username = username;
		this.tasks = tasks;
	}

	void expectEcho(String clientMsgId) {
		this.ownMessages.add(clientMsgId);
	}

	void forgetEcho(String clientMsgId) {
		this.ownMessages.remove(clientMsgId);
	}

	/** Stops following a conversation that is no longer this counsellor's. */
	void stop(String cid) {
		Disposable slot = this.streams.remove(cid);
		if (slot != null) {
			slot.dispose();
		}
	}

	/**
	 * Follows a newly assigned conversation from its start, unless it is followed
	 * already.
	 */
	boolean followIfNew(String cid) {
		Disposable.Swap slot = Disposables.swap();
		if (this.streams.putIfAbsent(cid, slot) != null) {
			return false;
		}
		// From the start, also for a conversation that comes back (handed back and taken
		// again): accepting shows the whole conversation.
		subscribe(cid, 0, slot);
		return true;
	}

	/**
	 * (Re)starts following a conversation after the given seq, or after what this
	 * connection already sent if that is more: a {@code resume} that crossed the replay
	 * of the resume fallback asks for events that are already on their way on this same
	 * ordered connection, and must not get them twice.
	 */
	void follow(String cid, long lastSeq) {
		Disposable.Swap slot = Disposables.swap();
		Disposable previous = this.streams.put(cid, slot);
		if (previous != null) {
			previous.dispose();
		}
		subscribe(cid, Math.max(lastSeq, this.delivered.getOrDefault(cid, 0L)), slot);
	}

	private void subscribe(String cid, long lastSeq, Disposable.Swap slot) {
		slot.update(this.conversations.stream(cid, lastSeq)
			.doFinally((signal) -> this.streams.remove(cid, slot))
			.subscribe((event) -> show(cid, event), (ex) -> {
				log.warn("Counsellor {} lost the stream of a conversation: {}", this.username, ex.toString());
				this.out.error(FrameException.about(cid, ErrorCodes.INTERNAL_ERROR,
						"Lost the conversation stream; send resume."));
			}));
	}

	private void show(String cid, ConversationEvent event) {
		if (event.sequenced()) {
			this.delivered.merge(cid, event.seq(), Math::max);
		}
		switch (event.type()) {
			case MESSAGE -> {
				if (event.echoOf(Party.COUNSELLOR) && this.ownMessages.remove(event.clientMsgId())) {
					return;
				}
				this.out.send(new OutboundFrame.Message(cid, event.seq(), event.from(), event.text(), event.sentAt()));
			}
			case ENDED -> this.out.send(new OutboundFrame.Ended(cid, event.seq(), event.reason()));
			case TYPING -> {
				if (!Party.COUNSELLOR.wire().equals(event.from())) {
					this.out.send(new OutboundFrame.Typing(cid, event.from(), Boolean.TRUE.equals(event.active())));
				}
			}
			default -> {
				// assigned, requeued: no message to show, but the seq is the console's
				// too, so a client that resumes after the highest seq it holds sees no
				// gap.
				if (event.sequenced()) {
					this.out.send(new OutboundFrame.Event(cid, event.seq(), event.type().wire(), null, event.sentAt()));
				}
				if (event.type() == ConversationEvent.Type.REQUEUED) {
					stopIfNoLongerOurs(cid);
				}
			}
		}
	}

	/** A replay shows earlier requeues too: stop only if it is no longer ours. */
	private void stopIfNoLongerOurs(String cid) {
		this.tasks.run("ownership check of a requeued conversation",
				this.conversations.state(cid).filter((state) -> !state.heldBy(this.username)).doOnNext((state) -> {
					stop(cid);
					this.out.send(new OutboundFrame.Transferred(cid, "queue"));
				}));
	}

	void closeAll() {
		this.streams.values().forEach(Disposable::dispose);
		this.streams.clear();
	}

}
