package nl.uitweg.transport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import nl.uitweg.conversation.AppendResult;
import nl.uitweg.conversation.ConversationEvent;
import nl.uitweg.conversation.ConversationState;
import nl.uitweg.conversation.Party;
import nl.uitweg.presence.Presence;
import nl.uitweg.queue.Intake;
import nl.uitweg.queue.QueueWatcher;
import nl.uitweg.visitor.VisitorSession;

/**
 * One visitor's WebSocket connection: authenticates with {@code hello}, then relays
 * between the visitor and their conversation. Holds no state that matters beyond the
 * connection: everything it shows comes from Redis and can be rebuilt on any instance.
 */
final class VisitorConnection {

	private static final Logger log = LoggerFactory.getLogger(VisitorConnection.class);

	private static final Set<String> FEEDBACK = Set.of("YES", "PARTLY", "NO");

	private final VisitorSocketHandler.Services services;

	private final Outbound out;

	private final String shortId;

	private final Runnable closeForResume;

	private final Disposable.Composite subscriptions = Disposables.composite();

	private final Disposable.Swap place = Disposables.swap();

	private final Disposable.Swap stream = Disposables.swap();

	/**
	 * Client ids this connection submitted; their echo is answered by 'sent', not shown.
	 */
	private final Set<String> ownMessages = ConcurrentHashMap.newKeySet();

	private volatile @Nullable VisitorSession session;

	private volatile @Nullable String conversationId;

	private volatile @Nullable Presence.Tracked presence;

	private volatile @Nullable Long lastPlace;

	private volatile boolean closed;

	/** Only ever turned into a keyed hash (see AddressHashes); never stored or logged. */
	private final java.net.@Nullable InetAddress address;

	VisitorConnection(VisitorSocketHandler.Services services, Outbound out, String shortId, Runnable closeForResume,
			java.net.@Nullable InetAddress address) {
		this.services = services;
		this.out = out;
		this.shortId = shortId;
		this.closeForResume = closeForResume;
		this.address = address;
		this.subscriptions.add(this.place);
		this.subscriptions.add(this.stream);
	}

	boolean authenticated() {
		return this.session != null;
	}

	Mono<Void> onText(String text) {
		return Mono.defer(() -> {
			FrameReader.Raw frame = this.services.frames().read(text);
			if (this.session == null && !"hello".equals(frame.type())) {
				throw new FrameException(ErrorCodes.HELLO_REQUIRED, "Send hello with your resume token first.");
			}
			return switch (frame.type()) {
				case "hello" -> hello(frame);
				case "start" -> start(frame);
				case "message" -> message(frame);
				case "typing" -> typing(frame);
				case "ack" -> ack(frame);
				case "leave" -> leave();
				case "feedback" -> feedback(frame);
				default -> throw FrameReader.unknownType(frame.type());
			};
		}).onErrorResume(FrameException.class, (ex) -> {
			this.out.error(ex.code(), ex.getMessage(), null);
			return Mono.empty();
		}).onErrorResume((ex) -> {
			log.error("Visitor connection {} failed on a frame ({})", this.shortId, ex.getClass().getName(), ex);
			this.out.error(ErrorCodes.INTERNAL_ERROR, "Something went wrong on our side. Please try again.", null);
			return Mono.empty();
		});
	}

	private Mono<Void> hello(FrameReader.Raw frame) {
		if (this.session != null) {
			throw new FrameException(ErrorCodes.ALREADY_AUTHENTICATED, "This connection already said hello.");
		}
		String token = frame.string("token");
		if (token.length() > FrameReader.MAX_TOKEN_LENGTH) {
			throw FrameReader.invalid("token is too long");
		}
		long lastSeq = frame.seq("lastSeq", false);
		return this.services.sessions()
			.authenticate(token)
			.switchIfEmpty(Mono.error(() -> new FrameException(ErrorCodes.INVALID_TOKEN,
					"This chat session is unknown or has expired. Start a new one.")))
			.flatMap((session) -> {
				this.session = session;
				return rememberAddress(session).then(welcome(session, lastSeq));
			});
	}

	/** Keeps the keyed hash of the address with the session, so a block can cover it. */
	private Mono<Void> rememberAddress(VisitorSession session) {
		java.net.InetAddress remote = this.address;
		return (remote == null) ? Mono.empty()
				: this.services.addresses()
					.current(remote)
					.flatMap((hash) -> this.services.sessions().recordAddress(session, hash));
	}

	/**
	 * A blocked session, or one from a blocked address (under today's or yesterday's
	 * key).
	 */
	private Mono<Boolean> blocked(VisitorSession session) {
		java.net.InetAddress remote = this.address;
		Mono<Boolean> byAddress = (remote == null) ? Mono.just(false) : this.services.addresses().blocked(remote);
		return this.services.sessions()
			.blocked(session)
			.flatMap((bySession) -> bySession ? Mono.just(true) : byAddress);
	}

	private Mono<Void> welcome(VisitorSession session, long lastSeq) {
		String conv = session.conversationId();
		if (conv == null) {
			this.out.send(Outbound.frame("welcome", "state", "idle"));
			return Mono.empty();
		}
		this.conversationId = conv;
		return this.services.conversations()
			.state(conv)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> {
				if (found.isEmpty()) {
					// Ended and past its retention: nothing left to show.
					this.out.send(Outbound.frame("welcome", "state", "ended", "conversationId", conv));
					return Mono.<Void>empty();
				}
				ConversationState state = found.get();
				Map<String, String> counsellor = (state.counsellorName() != null)
						? Map.of("displayName", state.counsellorName()) : null;
				this.out.send(Outbound.frame("welcome", "state", visitorState(state.state()), "conversationId", conv,
						"counsellor", ConversationState.ACTIVE.equals(state.state()) ? counsellor : null));
				follow(conv, lastSeq);
				if (!state.open()) {
					return Mono.<Void>empty();
				}
				if (!ConversationState.ACTIVE.equals(state.state())) {
					watchPlace(conv);
				}
				return present(conv);
			});
	}

	private static String visitorState(String state) {
		return switch (state) {
			case ConversationState.QUEUED, ConversationState.OFFERED -> "queued";
			default -> state;
		};
	}

	private Mono<Void> start(FrameReader.Raw frame) {
		Intake intake = intake(frame.optionalObject("intake"), frame);
		VisitorSession session = requireSession();
		return this.services.sessions()
			.reload(session)
			.flatMap((fresh) -> Mono.zip(hasOpenConversation(fresh), blocked(fresh)).flatMap((t) -> {
				boolean open = t.getT1();
				if (!open && t.getT2()) {
					// Blocked: the same neutral answer as outside opening hours.
					notAvailable(Optional.empty());
					return Mono.empty();
				}
				if (!open && closed()) {
					return Mono.empty();
				}
				return this.services.queue()
					.enqueue(fresh, intake)
					.switchIfEmpty(Mono.error(() -> new FrameException(ErrorCodes.INVALID_TOKEN,
							"This chat session has expired. Start a new one.")));
			}))
			.flatMap((enqueued) -> {
				String conv = enqueued.conversationId();
				boolean known = conv.equals(this.conversationId);
				if (!known) {
					this.ownMessages.clear();
					this.conversationId = conv;
					this.lastPlace = null;
					follow(conv, 0);
				}
				if (!enqueued.created()) {
					// Starting twice (or from a second tab) is harmless: say where things
					// stand.
					this.out.send(
							Outbound.frame("welcome", "state", visitorState(enqueued.state()), "conversationId", conv));
					if (!ConversationState.ACTIVE.equals(enqueued.state())) {
						watchPlace(conv);
					}
					return present(conv);
				}
				watchPlace(conv);
				return present(conv).then(sendPlaceNow(conv));
			});
	}

	private Mono<Boolean> hasOpenConversation(VisitorSession session) {
		String conv = session.conversationId();
		return (conv == null) ? Mono.just(false)
				: this.services.conversations().state(conv).map(ConversationState::open).defaultIfEmpty(false);
	}

	/**
	 * Outside opening hours: says when it opens and where to go meanwhile; true if
	 * closed.
	 */
	private boolean closed() {
		Optional<Optional<java.time.Instant>> closedUntil = this.services.opening().closedUntil();
		if (closedUntil.isEmpty()) {
			return false;
		}
		notAvailable(closedUntil.get());
		return true;
	}

	private void notAvailable(Optional<java.time.Instant> nextOpening) {
		List<Map<String, String>> alternatives = this.services.opening()
			.alternatives()
			.stream()
			.map((a) -> Map.of("name", a.name(), "when", a.when()))
			.toList();
		this.out.send(Outbound.frame("closed", "nextOpening", nextOpening.map(Object::toString).orElse(null),
				"alternatives", alternatives));
	}

	/**
	 * The first place in line, right after joining. A conversation already offered to a
	 * counsellor is no longer in the queue: it is first in line, with no wait to speak
	 * of.
	 */
	private Mono<Void> sendPlaceNow(String conv) {
		return this.services.queueWatcher().placeNow(conv).doOnNext((place) -> sendPlace(conv, place)).then();
	}

	private static Intake intake(@Nullable JsonNode node, FrameReader.Raw frame) {
		if (node == null) {
			return Intake.none();
		}
		FrameReader.Raw fields = frame.nested(node);
		return new Intake(fields.optionalCode("contactRole", Intake.CONTACT_ROLES),
				fields.optionalCode("ageGroup", Intake.AGE_GROUPS), fields.optionalBool("acuteDanger"));
	}

	private Mono<Void> message(FrameReader.Raw frame) {
		String clientMsgId = frame.id("clientMsgId");
		String text = MessageText.check(frame.string("text"), this.services.maxMessageLength());
		String conv = requireConversation();
		this.ownMessages.add(clientMsgId);
		return this.services.conversations()
			.append(conv, Party.VISITOR, requireSession().sessionId(), clientMsgId, text)
			.doOnNext((result) -> {
				if (result instanceof AppendResult.Accepted accepted) {
					this.out.send(Outbound.frame("sent", "clientMsgId", clientMsgId, "seq", accepted.seq()));
				}
				else {
					this.ownMessages.remove(clientMsgId);
					if (result instanceof AppendResult.NotYours) {
						this.out.error(ErrorCodes.NOT_YOUR_CONVERSATION, "This conversation is not yours.", null);
					}
					else {
						this.out.error(ErrorCodes.CONVERSATION_ENDED, "This conversation has ended.", null);
					}
				}
			})
			.then();
	}

	private Mono<Void> typing(FrameReader.Raw frame) {
		boolean active = frame.bool("active");
		return this.services.conversations().typing(requireConversation(), Party.VISITOR, active);
	}

	private Mono<Void> ack(FrameReader.Raw frame) {
		long seq = frame.seq("seq", true);
		return this.services.conversations().acknowledge(requireConversation(), Party.VISITOR, seq);
	}

	/** Quick exit: the conversation ends now and the session is cut short. */
	private Mono<Void> leave() {
		VisitorSession session = requireSession();
		String conv = this.conversationId;
		Mono<Boolean> end = (conv != null) ? this.services.conversations().end(conv, "visitor_left") : Mono.just(false);
		return end.flatMap((ended) -> {
			this.place.update(Disposables.disposed());
			if (!ended) {
				this.out.send(Outbound.frame("ended", "reason", "visitor_left", "conversationId", conv));
			}
			return stopPresence().then(this.services.sessions().shorten(session));
		});
	}

	private Mono<Void> feedback(FrameReader.Raw frame) {
		String helped = frame.code("helped", FEEDBACK);
		String conv = requireConversation();
		return this.services.conversations()
			.state(conv)
			.map(ConversationState::open)
			.defaultIfEmpty(false)
			.flatMap((open) -> open
					? Mono.error(new FrameException(ErrorCodes.CONVERSATION_NOT_ACTIVE,
							"Feedback is for after the conversation."))
					: this.services.conversations().recordFeedback(conv, helped));
	}

	/** This instance vouches for the visitor while the connection lasts. */
	private Mono<Void> present(String conv) {
		if (this.presence != null) {
			return Mono.empty();
		}
		return this.services.presence().visitorConnected(conv).doOnNext((tracked) -> {
			this.presence = tracked;
			if (this.closed) {
				tracked.stop().subscribe();
			}
		}).then();
	}

	private Mono<Void> stopPresence() {
		Presence.Tracked tracked = this.presence;
		this.presence = null;
		return (tracked != null) ? tracked.stop() : Mono.empty();
	}

	private void follow(String conv, long lastSeq) {
		this.stream.update(this.services.conversations().stream(conv, lastSeq).subscribe(this::onEvent, (ex) -> {
			log.warn("Visitor connection {} lost its conversation stream: {}", this.shortId, ex.toString());
			// The client resumes with lastSeq on a new connection, on any instance.
			this.closeForResume.run();
		}));
	}

	private void watchPlace(String conv) {
		this.place.update(this.services.queueWatcher().place(conv).subscribe((p) -> sendPlace(conv, p)));
	}

	private void sendPlace(String conv, QueueWatcher.Place place) {
		long key = ((long) place.position() << 32) | place.estimatedWaitSeconds();
		synchronized (this) {
			Long last = this.lastPlace;
			if (last != null && last == key) {
				return;
			}
			this.lastPlace = key;
		}
		this.out.send(Outbound.frame("queued", "conversationId", conv, "position", place.position(),
				"estimatedWaitSeconds", place.estimatedWaitSeconds()));
	}

	private void onEvent(ConversationEvent event) {
		switch (event.type()) {
			case ConversationEvent.MESSAGE -> {
				if (Party.VISITOR.wire().equals(event.from()) && event.clientMsgId() != null
						&& this.ownMessages.remove(event.clientMsgId())) {
					return;
				}
				this.out.send(Outbound.frame("message", "seq", event.seq(), "from", event.from(), "text", event.text(),
						"sentAt", event.sentAt()));
			}
			case ConversationEvent.ASSIGNED -> {
				this.place.update(Disposables.disposed());
				this.out.send(Outbound.frame("assigned", "seq", event.seq(), "conversationId", this.conversationId,
						"counsellor", event.counsellor()));
			}
			case ConversationEvent.REQUEUED -> {
				this.out.send(Outbound.frame("event", "seq", event.seq(), "event", event.type(), "reason",
						event.reason(), "sentAt", event.sentAt()));
				String conv = this.conversationId;
				if (conv != null) {
					this.lastPlace = null;
					watchPlace(conv);
				}
			}
			case ConversationEvent.ENDED -> {
				this.place.update(Disposables.disposed());
				this.out.send(Outbound.frame("ended", "seq", event.seq(), "reason", event.reason(), "conversationId",
						this.conversationId));
				stopPresence().subscribe();
			}
			case ConversationEvent.TYPING -> {
				if (!Party.VISITOR.wire().equals(event.from())) {
					this.out.send(Outbound.frame("typing", "from", event.from(), "active", event.active()));
				}
			}
			default -> log.debug("Ignoring conversation event of type {}", event.type());
		}
	}

	private VisitorSession requireSession() {
		VisitorSession session = this.session;
		if (session == null) {
			throw new FrameException(ErrorCodes.HELLO_REQUIRED, "Send hello with your resume token first.");
		}
		return session;
	}

	private String requireConversation() {
		String conv = this.conversationId;
		if (conv == null) {
			throw new FrameException(ErrorCodes.NO_CONVERSATION, "Start a conversation first.");
		}
		return conv;
	}

	/**
	 * The socket closed: stop everything it subscribed to; the grace period starts now.
	 */
	void close() {
		this.closed = true;
		this.subscriptions.dispose();
		this.out.complete();
		stopPresence().subscribe(null,
				(ex) -> log.warn("Could not record that visitor connection {} left: {}", this.shortId, ex.toString()));
	}

}
