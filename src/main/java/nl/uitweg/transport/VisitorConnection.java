package nl.uitweg.transport;

import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import nl.uitweg.presence.Presence;
import nl.uitweg.visitor.VisitorSession;

/**
 * One visitor's WebSocket connection, as a small state machine: before {@code hello} it
 * only accepts hello; after it, frames go to {@link VisitorChat}. It holds no state that
 * matters beyond the connection: everything it shows comes from Redis and can be rebuilt
 * on any instance.
 */
final class VisitorConnection {

	private static final Logger log = LoggerFactory.getLogger(VisitorConnection.class);

	private final VisitorChat chat;

	private final FrameParser parser;

	private final Outbound out;

	private final String shortId;

	private final Runnable closeForResume;

	/** Only ever turned into a keyed hash (see AddressHashes); never stored or logged. */
	private final @Nullable InetAddress address;

	private final ConnectionTasks tasks;

	/** The conversation's event stream; replaced, never leaked, when it restarts. */
	private final Disposable.Swap stream;

	/** Place-in-line updates while waiting. */
	private final Disposable.Swap place;

	/**
	 * Client ids this connection submitted; their echo is answered by 'sent', not shown.
	 */
	private final Set<String> ownMessages = ConcurrentHashMap.newKeySet();

	private volatile @Nullable VisitorSession session;

	private volatile @Nullable String conversationId;

	private volatile Presence.@Nullable Tracked presence;

	private volatile @Nullable Long lastPlace;

	private volatile boolean closed;

	VisitorConnection(VisitorChat chat, FrameParser parser, Outbound out, String shortId, Runnable closeForResume,
			@Nullable InetAddress address) {
		this.chat = chat;
		this.parser = parser;
		this.out = out;
		this.shortId = shortId;
		this.closeForResume = closeForResume;
		this.address = address;
		this.tasks = new ConnectionTasks("Visitor connection " + shortId);
		this.stream = this.tasks.slot();
		this.place = this.tasks.slot();
	}

	Mono<Void> onText(String text) {
		return Mono.defer(() -> {
			VisitorFrame frame = this.parser.visitor(text, !authenticated());
			return FrameErrors.answered(Mono.defer(() -> handle(frame)), frame, this.conversationId, this.out, log,
					"Visitor connection " + this.shortId);
		}).onErrorResume(FrameException.class, (ex) -> {
			this.out.send(ex.naming(this.conversationId, null).frame());
			return Mono.empty();
		});
	}

	private Mono<Void> handle(VisitorFrame frame) {
		// Java 17 has no pattern switch; the parser makes only these records.
		if (frame instanceof VisitorFrame.Hello hello) {
			return this.chat.hello(this, hello);
		}
		if (frame instanceof VisitorFrame.Start start) {
			return this.chat.start(this, start);
		}
		if (frame instanceof VisitorFrame.Message message) {
			return this.chat.message(this, message);
		}
		if (frame instanceof VisitorFrame.Typing typing) {
			return this.chat.typing(this, typing);
		}
		if (frame instanceof VisitorFrame.Ack ack) {
			return this.chat.ack(this, ack);
		}
		if (frame instanceof VisitorFrame.Feedback feedback) {
			return this.chat.feedback(this, feedback);
		}
		return this.chat.leave(this);
	}

	void unsupported() {
		this.out.error(new FrameException(ErrorCodes.UNSUPPORTED_FRAME, "Only text frames are understood."));
	}

	boolean authenticated() {
		return this.session != null;
	}

	void authenticate(VisitorSession session) {
		if (this.session != null) {
			throw new FrameException(ErrorCodes.ALREADY_AUTHENTICATED, "This connection already said hello.");
		}
		this.session = session;
	}

	VisitorSession session() {
		VisitorSession current = this.session;
		if (current == null) {
			throw new FrameException(ErrorCodes.HELLO_REQUIRED, "Send hello with your resume token first.");
		}
		return current;
	}

	@Nullable String conversationId() {
		return this.conversationId;
	}

	String requireConversation() {
		String conv = this.conversationId;
		if (conv == null) {
			throw new FrameException(ErrorCodes.NO_CONVERSATION, "Start a conversation first.");
		}
		return conv;
	}

	/** Now about another conversation: what was shown of the old one no longer counts. */
	void switchTo(String conv) {
		if (!conv.equals(this.conversationId)) {
			this.ownMessages.clear();
			this.lastPlace = null;
		}
		this.conversationId = conv;
	}

	void follow(Disposable subscription) {
		this.stream.update(subscription);
	}

	void watchPlace(Disposable subscription) {
		this.place.update(subscription);
	}

	void stopWatchingPlace() {
		this.place.update(reactor.core.Disposables.disposed());
	}

	/** True once per change: an unchanged place is not sent again. */
	synchronized boolean placeChanged(int position, long estimatedWaitSeconds) {
		long key = ((long) position << 32) | estimatedWaitSeconds;
		Long last = this.lastPlace;
		if (last != null && last == key) {
			return false;
		}
		this.lastPlace = key;
		return true;
	}

	void placeReset() {
		this.lastPlace = null;
	}

	void expectEcho(String clientMsgId) {
		this.ownMessages.add(clientMsgId);
	}

	/** True (once) if this is the echo of a message this connection sent. */
	boolean ownEcho(String clientMsgId) {
		return this.ownMessages.remove(clientMsgId);
	}

	boolean tracksPresence() {
		return this.presence != null;
	}

	/** This instance vouches for the visitor while the connection lasts. */
	void present(Presence.Tracked tracked) {
		this.presence = tracked;
		if (this.closed) {
			// Closed meanwhile: a last write of its own, not cancelled with the tasks.
			stopPresence().subscribe(null, (ex) -> log.warn("Could not record that visitor connection {} left: {}",
					this.shortId, ex.toString()));
		}
	}

	Mono<Void> stopPresence() {
		Presence.Tracked tracked = this.presence;
		this.presence = null;
		return (tracked != null) ? tracked.stop() : Mono.empty();
	}

	Outbound out() {
		return this.out;
	}

	ConnectionTasks tasks() {
		return this.tasks;
	}

	@Nullable InetAddress address() {
		return this.address;
	}

	String shortId() {
		return this.shortId;
	}

	/** The stream failed: the client resumes with lastSeq on a new connection. */
	void closeForResume() {
		this.closeForResume.run();
	}

	/**
	 * The socket closed: stop everything it subscribed to; the grace period starts now.
	 */
	void close() {
		this.closed = true;
		this.tasks.cancelAll();
		this.out.complete();
		stopPresence().subscribe(null,
				(ex) -> log.warn("Could not record that visitor connection {} left: {}", this.shortId, ex.toString()));
	}

}
