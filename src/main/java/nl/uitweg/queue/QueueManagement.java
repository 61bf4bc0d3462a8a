package nl.uitweg.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

import nl.uitweg.conversation.Intake;
import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.LuaScripts;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.visitor.VisitorSession;

/**
 * The waiting line, held in Redis so every instance sees one queue: visitors join it,
 * dispatch offers them to counsellors atomically, counsellors accept or decline.
 */
@Service
public class QueueManagement {

	private static final Logger log = LoggerFactory.getLogger(QueueManagement.class);

	private static final RedisScript<List<Object>> ENQUEUE = LuaScripts.load("queue/enqueue");

	private static final RedisScript<List<Object>> DISPATCH = LuaScripts.load("queue/dispatch");

	private static final RedisScript<List<Object>> ACCEPT = LuaScripts.load("queue/accept");

	private static final RedisScript<List<Object>> DECLINE = LuaScripts.load("queue/decline");

	private static final RedisScript<List<Object>> EXPIRE = LuaScripts.load("queue/expire-offers");

	private static final RedisScript<List<Object>> TRANSFER = LuaScripts.load("queue/transfer");

	private static final RedisScript<List<Object>> TAKE_NEXT = LuaScripts.load("queue/take-next");

	private final ReactiveStringRedisTemplate redis;

	private final QueueProperties properties;

	private final Clock clock;

	private final JsonMapper json;

	private final EventBus events;

	private final QueueLimits limits;

	private final QueueMeters meters;

	QueueManagement(ReactiveStringRedisTemplate redis, QueueProperties properties, Clock clock, JsonMapper json,
			EventBus events, QueueLimits limits, QueueMeters meters) {
		this.meters = meters;
		this.limits = limits;
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
		this.json = json;
		this.events = events;
	}

	/** Queues a new conversation for the session, or returns the one already open. */
	public Mono<EnqueueResult> enqueue(VisitorSession session, Intake intake) {
		return enqueue(session, intake, true);
	}

	/**
	 * Queues a new conversation, with acute priority only if the intake asks for it and
	 * {@code acutePriority} allows it (the intake keeps the visitor's own answer either
	 * way); returns the conversation already open, or {@link EnqueueResult.Full}.
	 */
	public Mono<EnqueueResult> enqueue(VisitorSession session, Intake intake, boolean acutePriority) {
		String conversationId = UUID.randomUUID().toString();
		long now = this.clock.millis();
		boolean acute = acutePriority && Boolean.TRUE.equals(intake.acuteDanger());
		int band = acute ? intake.priorityBand() : Intake.none().priorityBand();
		double score = band * (double) RedisKeys.QUEUE_BAND_WIDTH + now;
		// Someone let in with acute priority may use the reserve beyond the normal
		// length.
		int maxWaiting = this.limits.maxLength() + (acute ? this.limits.acuteReserve() : 0);
		List<String> keys = List.of(session.key(), RedisKeys.conversation(conversationId), RedisKeys.QUEUE);
		List<String> args = List.of(conversationId, session.sessionId(), Double.toString(score), Long.toString(now),
				this.json.writeValueAsString(intake), session.campaign(), Integer.toString(band), session.locale(),
				Integer.toString(maxWaiting));
		return this.redis.execute(ENQUEUE, keys, args).next().map(EnqueueResult::of).doOnNext((result) -> {
			if (result instanceof EnqueueResult.Queued) {
				log.debug("Conversation {} queued", conversationId);
				this.events.publish(new VisitorQueued(conversationId));
			}
		});
	}

	/**
	 * One atomic pass: offers as many waiting conversations as there is free capacity.
	 */
	public Flux<Offered> dispatch() {
		List<String> keys = List.of(RedisKeys.QUEUE, RedisKeys.COUNSELLORS, RedisKeys.OFFERS);
		List<String> args = List.of(Long.toString(this.clock.millis()),
				Long.toString(this.properties.offerTimeout().toMillis()),
				Integer.toString(this.properties.maxOffersPerPass()),
				Integer.toString(this.properties.dispatchScanLimit()));
		return this.redis.execute(DISPATCH, keys, args).next().flatMapIterable((reply) -> {
			List<Offered> offers = new ArrayList<>();
			for (int i = 0; i + 1 < reply.size(); i += 2) {
				offers.add(new Offered(String.valueOf(reply.get(i)), String.valueOf(reply.get(i + 1))));
			}
			offers.forEach((offer) -> log.info("A conversation was offered to {}", offer.counsellor()));
			return offers;
		});
	}

	/** An offer made to a counsellor. */
	public record Offered(String conversationId, String counsellor) {
	}

	/**
	 * Accepts an offer from dispatch or, failing that, a handover from a colleague; false
	 * when there is neither for this counsellor (lapsed, withdrawn).
	 */
	public Mono<Boolean> accept(String conversationId, String username, String displayName) {
		return acceptOffer(conversationId, username, displayName).flatMap((ok) -> ok ? Mono.just(true)
				: acceptTransfer(conversationId, username, displayName).map(HandoverResult::done));
	}

	/**
	 * Declines an offer (back to its place in the queue) or a handover (it stays with the
	 * colleague who offered it); false when there is neither.
	 */
	public Mono<Boolean> decline(String conversationId, String username) {
		return declineOffer(conversationId, username).flatMap(
				(ok) -> ok ? Mono.just(true) : declineTransfer(conversationId, username).map(HandoverResult::done));
	}

	private Mono<Boolean> acceptOffer(String conversationId, String username, String displayName) {
		List<String> keys = List.of(RedisKeys.conversation(conversationId), RedisKeys.OFFERS, RedisKeys.SERVED);
		java.time.Instant now = this.clock.instant();
		List<String> args = List.of(conversationId, username, Long.toString(now.toEpochMilli()), displayName,
				Long.toString(this.properties.serviceWindow().toMillis()), now.toString());
		return this.redis.execute(ACCEPT, keys, args).next().map((reply) -> {
			boolean ok = "ok".equals(reply.get(0));
			if (ok) {
				log.info("A conversation was accepted by {}", username);
				this.meters.answered(reply);
			}
			return ok;
		});
	}

	private Mono<Boolean> declineOffer(String conversationId, String username) {
		List<String> args = List.of(conversationId, username, Long.toString(this.clock.millis()),
				Long.toString(this.properties.declineCooldown().toMillis()));
		return this.redis.execute(DECLINE, List.of(RedisKeys.conversation(conversationId)), args)
			.next()
			.map((reply) -> "ok".equals(reply.get(0)))
			.doOnNext((ok) -> {
				if (ok) {
					this.events.publish(new VisitorQueued(conversationId));
				}
			});
	}

	/** Returns lapsed offers to the queue; the counsellors who let them lapse go away. */
	public Mono<Integer> expireOffers() {
		List<String> args = List.of(Long.toString(this.clock.millis()),
				Long.toString(this.properties.declineCooldown().toMillis()),
				Integer.toString(this.properties.maxOffersPerPass()));
		return this.redis.execute(EXPIRE, List.of(RedisKeys.OFFERS), args).next().map((lapsed) -> {
			if (!lapsed.isEmpty()) {
				log.info("{} offer(s) lapsed", lapsed.size());
				this.meters.lapsed(lapsed.size());
			}
			return lapsed.size();
		});
	}

	/** A counsellor takes the next waiting conversation themselves (manual routing). */
	public Mono<TakeNextResult> takeNext(String username, String displayName) {
		java.time.Instant now = this.clock.instant();
		List<String> keys = List.of(RedisKeys.QUEUE, RedisKeys.counsellor(username), RedisKeys.SERVED);
		List<String> args = List.of(username, displayName, Long.toString(now.toEpochMilli()), now.toString(),
				Long.toString(this.properties.serviceWindow().toMillis()));
		return this.redis.execute(TAKE_NEXT, keys, args).next().map((reply) -> {
			TakeNextResult result = TakeNextResult.of(reply);
			if (result instanceof TakeNextResult.Assigned) {
				this.meters.answered(reply);
			}
			return result;
		});
	}

	/** Hands an active conversation back to the front of the queue. */
	public Mono<HandoverResult> transferToQueue(String conversationId, String counsellor) {
		return transfer("to_queue", conversationId, counsellor, "", "", this.properties.transferToQueueNl(),
				this.properties.transferToQueueEn());
	}

	/** Offers an active conversation to a colleague, who accepts or declines. */
	public Mono<HandoverResult> offerTransfer(String conversationId, String counsellor, String displayName,
			String colleague) {
		return transfer("offer", conversationId, counsellor, colleague, displayName, "", "");
	}

	private Mono<HandoverResult> acceptTransfer(String conversationId, String colleague, String displayName) {
		return transfer("accept", conversationId, colleague, "", displayName, this.properties.transferredNl(),
				this.properties.transferredEn());
	}

	private Mono<HandoverResult> declineTransfer(String conversationId, String colleague) {
		return transfer("decline", conversationId, colleague, "", "", "", "");
	}

	private Mono<HandoverResult> transfer(String op, String conversationId, String actor, String target,
			String displayName, String textNl, String textEn) {
		java.time.Instant now = this.clock.instant();
		List<String> args = List.of(op, conversationId, actor, target, Long.toString(now.toEpochMilli()),
				now.toString(), textNl, textEn, displayName,
				Long.toString(this.properties.declineCooldown().toMillis()),
				Long.toString(this.properties.offerTimeout().toMillis()));
		return this.redis.execute(TRANSFER, List.of(RedisKeys.conversation(conversationId)), args)
			.next()
			.map(HandoverResult::of)
			.doOnNext((handover) -> {
				if (handover.done()) {
					log.info("Handover step {} by {}", op, actor);
					if ("to_queue".equals(op) || "decline".equals(op)) {
						this.events.publish(new VisitorQueued(conversationId));
					}
				}
			});
	}

}
