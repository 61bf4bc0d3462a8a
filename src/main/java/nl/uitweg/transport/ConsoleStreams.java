package nl.uitweg.transport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;

import nl.uitweg.conversation.ConversationEvent;
import nl.uitweg.conversation.Party;

/**
 * The conversations one console follows: a stream per conversation from its log, turned
 * into frames, with the console's own messages answered by 'sent' instead of an echo.
 */
final class ConsoleStreams {

	private static final Logger log = LoggerFactory.getLogger(ConsoleStreams.class);

	private final CounsellorSocketHandler.Services services;

	private final Outbound out;

	private final String username;

	/**
	 * One slot per followed conversation; a restart swaps the slot, never leaks the old
	 * stream.
	 */
	private final Map<String, Disposable.Swap> streams = new ConcurrentHashMap<>();

	/** Client ids this console submitted; their echo is answered by 'sent', not shown. */
	private final Set<String> ownMessages = ConcurrentHashMap.newKeySet();

	ConsoleStreams(CounsellorSocketHandler.Services services, Outbound out, String username) {
		this.services = services;
		this.out = out;
		this.username = username;
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
		subscribe(cid, 0, slot);
		return true;
	}

	/** (Re)starts following a conversation after the given seq. */
	void follow(String cid, long lastSeq) {
		Disposable.Swap slot = Disposables.swap();
		Disposable previous = this.streams.put(cid, slot);
		if (previous != null) {
			previous.dispose();
		}
		subscribe(cid, lastSeq, slot);
	}

	private void subscribe(String cid, long lastSeq, Disposable.Swap slot) {
		slot.update(this.services.conversations()
			.stream(cid, lastSeq)
			.doFinally((signal) -> this.streams.remove(cid, slot))
			.subscribe((event) -> onEvent(cid, event), (ex) -> {
				log.warn("Counsellor {} lost the stream of conversation {}: {}", this.username, cid, ex.toString());
				this.out.error(ErrorCodes.INTERNAL_ERROR, "Lost the conversation stream; send resume.", cid);
			}));
	}

	private void onEvent(String cid, ConversationEvent event) {
		switch (event.type()) {
			case ConversationEvent.MESSAGE -> {
				if (Party.COUNSELLOR.wire().equals(event.from()) && event.clientMsgId() != null
						&& this.ownMessages.remove(event.clientMsgId())) {
					return;
				}
				this.out.send(Outbound.frame("message", "conversationId", cid, "seq", event.seq(), "from", event.from(),
						"text", event.text(), "sentAt", event.sentAt()));
			}
			case ConversationEvent.ENDED -> this.out
				.send(Outbound.frame("ended", "conversationId", cid, "seq", event.seq(), "reason", event.reason()));
			case ConversationEvent.TYPING -> {
				if (!Party.COUNSELLOR.wire().equals(event.from())) {
					this.out.send(Outbound.frame("typing", "conversationId", cid, "from", event.from(), "active",
							event.active()));
				}
			}
			default -> {
				// assigned, requeued: no message to show, but the seq is the console's
				// too, so
				// a client that resumes after the highest seq it holds sees no gap.
				if (event.sequenced()) {
					this.out.send(Outbound.frame("event", "conversationId", cid, "seq", event.seq(), "event",
							event.type(), "sentAt", event.sentAt()));
				}
				if (ConversationEvent.REQUEUED.equals(event.type())) {
					// A replay shows earlier requeues too: stop only if it is no longer
					// ours.
					this.services.conversations()
						.state(cid)
						.filter((state) -> !this.username.equals(state.counsellor()))
						.subscribe((state) -> {
							stop(cid);
							this.out.send(Outbound.frame("transferred", "conversationId", cid, "to", "queue"));
						});
				}
			}
		}
	}

	void closeAll() {
		this.streams.values().forEach(Disposable::dispose);
		this.streams.clear();
	}

}
