package nl.uitweg.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import nl.uitweg.conversation.AppendResult;
import nl.uitweg.conversation.ConversationState;
import nl.uitweg.conversation.Party;
import nl.uitweg.counsellor.Availability;
import nl.uitweg.counsellor.StaffAccount;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.presence.Presence;
import nl.uitweg.queue.QueueManagement;

/**
 * One counsellor console connection: several conversations at once, each followed by its
 * own stream from the conversation log, plus offers and queue alerts.
 */
final class CounsellorConnection {

	private static final Logger log = LoggerFactory.getLogger(CounsellorConnection.class);

	private static final Set<String> AVAILABILITY = Set.of("available", "away");

	private final CounsellorSocketHandler.Services services;

	private final Outbound out;

	private final StaffAccount account;

	private final String connectionId = UUID.randomUUID().toString();

	private final Disposable.Composite subscriptions = Disposables.composite();

	private final ConsoleStreams streams;

	/** Conversations open at connect time, waiting for the console's resume. */
	private final Map<String, Long> awaitingResume = new ConcurrentHashMap<>();

	private volatile Presence.@Nullable Tracked presence;

	CounsellorConnection(CounsellorSocketHandler.Services services, Outbound out, StaffAccount account) {
		this.services = services;
		this.out = out;
		this.account = account;
		this.streams = new ConsoleStreams(services, out, account.username());
	}

	Flux<String> outbound() {
		return this.out.frames();
	}

	void unsupported() {
		this.out.error(ErrorCodes.UNSUPPORTED_FRAME, "Only text frames are understood.", null);
	}

	String username() {
		return this.account.username();
	}

	/**
	 * Subscribes to this counsellor's notices, registers presence and sends the welcome.
	 */
	Mono<Void> open() {
		return this.services.channels().subscribe(RedisKeys.counsellorChannel(username())).flatMap((notices) -> {
			this.subscriptions.add(notices.subscribe(this::onNotice));
			this.presence = this.services.heartbeats().counsellorConnected(username(), this.connectionId);
			return this.services.presence().connected(this.account, this.connectionId);
		}).flatMap((standing) -> conversations().collectList().doOnNext((states) -> {
			List<Map<String, Object>> listed = new ArrayList<>();
			for (ConversationState state : states) {
				listed.add(describe(state));
			}
			Map<String, Object> me = new LinkedHashMap<>();
			me.put("username", username());
			me.put("displayName", this.account.displayName());
			me.put("capacity", standing.capacity());
			me.put("status", standing.status());
			me.put("load", standing.load());
			this.out.send(Outbound.frame("welcome", "counsellor", me, "conversations", listed));
			for (ConversationState state : states) {
				if (ConversationState.OFFERED.equals(state.state())) {
					this.out.send(Outbound.frame("offer", "conversationId", state.id(), "intake", intake(state),
							"waitedSeconds", waitedSeconds(state)));
				}
				else if (ConversationState.ACTIVE.equals(state.state())) {
					this.awaitingResume.put(state.id(), state.counsellorAck());
				}
			}
		})).then(Mono.fromRunnable(this::watchQueue)).then(Mono.fromRunnable(this::scheduleResumeFallback));
	}

	private Flux<ConversationState> conversations() {
		return this.services.redis()
			.opsForSet()
			.members(RedisKeys.counsellorConversations(username()))
			.concatMap((cid) -> this.services.conversations().state(cid))
			.filter((state) -> username().equals(state.counsellor()) || username().equals(state.offeredTo()));
	}

	private Map<String, Object> describe(ConversationState state) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("conversationId", state.id());
		entry.put("state", state.state());
		entry.put("lastSeq", state.lastSeq());
		entry.put("intake", intake(state));
		return entry;
	}

	private JsonNode intake(ConversationState state) {
		return this.services.frames()
			.read("{\"type\":\"intake\",\"intake\":" + state.intakeJson() + "}")
			.node()
			.path("intake");
	}

	private long waitedSeconds(ConversationState state) {
		return Math.max(0, (this.services.clock().millis() - state.queuedAtMillis()) / 1000);
	}

	/**
	 * Queue alerts: while someone waits, every refresh tells this counsellor, as long as
	 * they are available with room for another conversation; when the queue empties,
	 * once.
	 */
	private void watchQueue() {
		java.util.concurrent.atomic.AtomicLong lastWaiting = new java.util.concurrent.atomic.AtomicLong(-1);
		this.subscriptions.add(this.services.queueWatcher().snapshots().concatMap((s) -> {
			if (s.waiting() == 0) {
				return (lastWaiting.getAndSet(0) != 0) ? Mono.just(s) : Mono.empty();
			}
			return this.services.presence()
				.standing(username())
				.filter((standing) -> "available".equals(standing.status()) && standing.load() < standing.capacity())
				.doOnNext((standing) -> lastWaiting.set(s.waiting()))
				.map((standing) -> s)
				.onErrorResume((ex) -> Mono.empty());
		})
			.subscribe((s) -> this.out
				.send(Outbound.frame("queue", "waiting", s.waiting(), "longestWaitSeconds", s.longestWaitSeconds()))));
	}

	private void scheduleResumeFallback() {
		this.subscriptions
			.add(Mono.delay(this.services.resumeFallback(), this.services.timers().scheduler()).subscribe((tick) -> {
				// No resume came: replay after what this console last acknowledged.
				for (String cid : List.copyOf(this.awaitingResume.keySet())) {
					Long acknowledged = this.awaitingResume.remove(cid);
					if (acknowledged != null) {
						this.streams.follow(cid, acknowledged);
					}
				}
			}));
	}

	Mono<Void> onText(String text) {
		return Mono.defer(() -> {
			FrameReader.Raw frame = this.services.frames().read(text);
			return switch (frame.type()) {
				case "availability" -> availability(frame);
				case "accept" -> accept(frame);
				case "decline" -> decline(frame);
				case "resume" -> resume(frame);
				case "message" -> message(frame);
				case "typing" -> typing(frame);
				case "ack" -> ack(frame);
				case "end" -> end(frame);
				case "transfer" -> transfer(frame);
				case "take_next" -> takeNext();
				case "block" -> block(frame);
				default -> throw FrameReader.unknownType(frame.type());
			};
		}).onErrorResume(FrameException.class, (ex) -> {
			reportError(ex);
			return Mono.empty();
		}).onErrorResume((ex) -> {
			log.error("Counsellor connection of {} failed on a frame ({})", username(), ex.getClass().getName(), ex);
			this.out.error(ErrorCodes.INTERNAL_ERROR, "Something went wrong on our side.", null);
			return Mono.empty();
		});
	}

	private void reportError(FrameException ex) {
		String cid = (ex instanceof ConversationFrameException scoped) ? scoped.conversationId() : null;
		this.out.error(ex.code(), ex.getMessage(), cid);
	}

	private Mono<Void> availability(FrameReader.Raw frame) {
		Availability status = Availability.fromWire(frame.code("status", AVAILABILITY)).orElseThrow();
		return this.services.presence()
			.setStatus(username(), status)
			.doOnNext((standing) -> this.out.send(Outbound.frame("availability", "status", standing.status(),
					"capacity", standing.capacity(), "load", standing.load())))
			.then();
	}

	private Mono<Void> accept(FrameReader.Raw frame) {
		String cid = frame.id("conversationId");
		return this.services.queue()
			.accept(cid, username(), this.account.displayName())
			.flatMap((ok) -> ok ? Mono.just(true)
					: this.services.queue()
						.acceptTransfer(cid, username(), this.account.displayName())
						.map(QueueManagement.Handover::ok))
			.flatMap((ok) -> {
				if (!ok) {
					return Mono.error(new ConversationFrameException(ErrorCodes.OFFER_NOT_FOUND,
							"There is no open offer of this conversation for you (it may have lapsed).", cid));
				}
				this.streams.followIfNew(cid);
				this.out.send(Outbound.frame("assigned", "conversationId", cid));
				return Mono.empty();
			});
	}

	private Mono<Void> decline(FrameReader.Raw frame) {
		String cid = frame.id("conversationId");
		return this.services.queue()
			.decline(cid, username())
			.flatMap((ok) -> ok ? Mono.just(true)
					: this.services.queue().declineTransfer(cid, username()).map(QueueManagement.Handover::ok))
			.flatMap((ok) -> ok ? Mono.<Void>empty()
					: Mono.error(new ConversationFrameException(ErrorCodes.OFFER_NOT_FOUND,
							"There is no open offer of this conversation for you.", cid)));
	}

	/** Manual routing: takes the next waiting conversation at once. */
	private Mono<Void> takeNext() {
		return this.services.queue().takeNext(username(), this.account.displayName()).flatMap((reply) -> {
			if ("ok".equals(reply.get(0))) {
				String cid = reply.get(1);
				this.streams.followIfNew(cid);
				this.out.send(Outbound.frame("assigned", "conversationId", cid));
				return Mono.<Void>empty();
			}
			boolean full = "at_capacity".equals(reply.get(0));
			return Mono.<Void>error(new FrameException(full ? ErrorCodes.AT_CAPACITY : ErrorCodes.QUEUE_EMPTY,
					full ? "You are at your capacity." : "Nobody is waiting."));
		});
	}

	/**
	 * Ends the conversation and blocks its visitor for a while (session and address
	 * hash).
	 */
	private Mono<Void> block(FrameReader.Raw frame) {
		String cid = frame.id("conversationId");
		return this.services.conversations().block(cid, username()).flatMap((outcome) -> switch (outcome) {
			case "ok" -> Mono.<Void>empty();
			case "not_active" -> Mono.<Void>error(new ConversationFrameException(ErrorCodes.CONVERSATION_NOT_ACTIVE,
					"Only an open conversation can be blocked.", cid));
			default -> Mono.<Void>error(notYours(cid));
		});
	}

	/**
	 * Hands a conversation to the front of the queue or offers it to a named colleague.
	 */
	private Mono<Void> transfer(FrameReader.Raw frame) {
		String cid = frame.id("conversationId");
		String to = frame.id("to");
		Mono<QueueManagement.Handover> step = "queue".equals(to)
				? this.services.queue().transferToQueue(cid, username())
				: this.services.queue().offerTransfer(cid, username(), this.account.displayName(), to);
		return step.flatMap((handover) -> {
			if (handover.ok()) {
				this.out.send(Outbound.frame("transfer_requested", "conversationId", cid, "to", to));
				return Mono.<Void>empty();
			}
			return Mono.error(switch (handover.outcome()) {
				case "not_yours" -> notYours(cid);
				case "transfer_pending" -> new ConversationFrameException(ErrorCodes.TRANSFER_PENDING,
						"A handover of this conversation is already waiting for an answer.", cid);
				case "colleague_full" -> new ConversationFrameException(ErrorCodes.COLLEAGUE_FULL,
						"That colleague has no room for another conversation.", cid);
				default -> new ConversationFrameException(ErrorCodes.COLLEAGUE_UNAVAILABLE,
						"That colleague is unknown or not signed in.", cid);
			});
		});
	}

	/**
	 * Replays each listed conversation after its lastSeq; one bad entry does not stop the
	 * rest.
	 */
	private Mono<Void> resume(FrameReader.Raw frame) {
		List<Mono<Void>> resumes = new ArrayList<>();
		for (JsonNode item : frame.array("conversations")) {
			FrameReader.Raw entry = frame.nested(item);
			String cid = entry.id("conversationId");
			long lastSeq = entry.seq("lastSeq", false);
			resumes.add(this.services.conversations()
				.state(cid)
				.filter((state) -> username().equals(state.counsellor()))
				.switchIfEmpty(Mono.error(() -> notYours(cid)))
				.doOnNext((state) -> {
					this.awaitingResume.remove(cid);
					this.streams.follow(cid, lastSeq);
				})
				.then()
				.onErrorResume(FrameException.class, (ex) -> {
					reportError(ex);
					return Mono.empty();
				}));
		}
		return Flux.concat(resumes).then();
	}

	private Mono<Void> message(FrameReader.Raw frame) {
		String cid = frame.id("conversationId");
		String clientMsgId = frame.id("clientMsgId");
		String text = MessageText.check(frame.string("text"), this.services.maxMessageLength());
		this.streams.expectEcho(clientMsgId);
		return this.services.conversations()
			.append(cid, Party.COUNSELLOR, username(), clientMsgId, text)
			.flatMap((result) -> {
				if (result instanceof AppendResult.Accepted accepted) {
					this.out.send(Outbound.frame("sent", "conversationId", cid, "clientMsgId", clientMsgId, "seq",
							accepted.seq()));
					return Mono.<Void>empty();
				}
				this.streams.forgetEcho(clientMsgId);
				if (result instanceof AppendResult.NotOpen) {
					return Mono.error(new ConversationFrameException(ErrorCodes.CONVERSATION_NOT_ACTIVE,
							"This conversation is not open.", cid));
				}
				return Mono.error(notYours(cid));
			});
	}

	private Mono<Void> typing(FrameReader.Raw frame) {
		String cid = frame.id("conversationId");
		boolean active = frame.bool("active");
		return owned(cid).flatMap((state) -> this.services.conversations().typing(cid, Party.COUNSELLOR, active));
	}

	private Mono<Void> ack(FrameReader.Raw frame) {
		String cid = frame.id("conversationId");
		long seq = frame.seq("seq", true);
		return owned(cid).flatMap((state) -> this.services.conversations().acknowledge(cid, Party.COUNSELLOR, seq));
	}

	private Mono<Void> end(FrameReader.Raw frame) {
		String cid = frame.id("conversationId");
		return owned(cid).flatMap((state) -> this.services.conversations().end(cid, "counsellor_ended")).then();
	}

	/** The conversation, if it is open and this counsellor's; otherwise an error. */
	private Mono<ConversationState> owned(String cid) {
		return this.services.conversations()
			.state(cid)
			.filter((state) -> username().equals(state.counsellor()))
			.switchIfEmpty(Mono.error(() -> notYours(cid)))
			.filter(ConversationState::open)
			.switchIfEmpty(Mono.error(() -> new ConversationFrameException(ErrorCodes.CONVERSATION_ENDED,
					"This conversation has ended.", cid)));
	}

	private static ConversationFrameException notYours(String cid) {
		return new ConversationFrameException(ErrorCodes.NOT_YOUR_CONVERSATION,
				"This conversation is not assigned to you.", cid);
	}

	private void onNotice(String raw) {
		JsonNode notice = this.services.frames().read(raw).node();
		String type = notice.path("type").asString();
		String cid = notice.path("conversationId").asString();
		switch (type) {
			case "offer" -> this.out.send(Outbound.frame("offer", "conversationId", cid, "intake",
					notice.path("intake"), "waitedSeconds", notice.path("waitedSeconds").asLong(), "transferFrom",
					notice.has("transferFrom") ? notice.path("transferFrom").asString() : null));
			case "transferred" -> {
				// A colleague took it over: stop showing this conversation here.
				this.streams.stop(cid);
				this.out.send(Outbound.frame("transferred", "conversationId", cid, "to", notice.path("to").asString()));
			}
			case "transfer_declined" -> this.out
				.send(Outbound.frame("transfer_declined", "conversationId", cid, "by", notice.path("by").asString(),
						"reason", notice.has("reason") ? notice.path("reason").asString() : null));
			case "assigned" -> {
				// Accepted in another tab of this counsellor: follow it here too.
				if (this.streams.followIfNew(cid)) {
					this.out.send(Outbound.frame("assigned", "conversationId", cid));
				}
			}
			case "offer_withdrawn" -> this.out.send(Outbound.frame("offer_withdrawn", "conversationId", cid, "reason",
					notice.path("reason").asString()));
			case "availability" -> this.out.send(Outbound.frame("availability", "status",
					notice.path("status").asString(), "reason", notice.path("reason").asString()));
			default -> log.debug("Ignoring counsellor notice of type {}", type);
		}
	}

	void close() {
		this.subscriptions.dispose();
		this.streams.closeAll();
		this.out.complete();
		Presence.Tracked tracked = this.presence;
		if (tracked == null) {
			// Never registered (closed during the handshake): nothing to take back.
			return;
		}
		tracked.forget();
		this.services.presence()
			.disconnected(username(), this.connectionId)
			.subscribe(null, (ex) -> log.warn("Could not record that {} disconnected: {}", username(), ex.toString()));
	}

}
