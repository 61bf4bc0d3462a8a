package nl.uitweg.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.LuaScripts;
import nl.uitweg.platform.RedisChannels;
import nl.uitweg.platform.RedisKeys;

/**
 * The conversation façade: its state, the durable message log with per-conversation
 * sequence numbers, live fan-out across instances, and the end of a conversation.
 */
@Service
public class Conversations {

	private static final Logger logger = LoggerFactory.getLogger(Conversations.class);

	private static final RedisScript<List<Object>> APPEND = LuaScripts.load("conversation/append");

	private static final RedisScript<List<Object>> END = LuaScripts.load("conversation/end");

	private static final RedisScript<List<Object>> BLOCK = LuaScripts.load("conversation/block");

	/**
	 * Raises a party's acknowledged seq, never past the head of the log and never back.
	 */
	private static final RedisScript<Long> ACK = RedisScript.of("""
			local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
			local head = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
			local seq = tonumber(ARGV[2])
			if seq > current and seq <= head then redis.call('HSET', KEYS[1], ARGV[1], seq) return 1 end
			return 0""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisChannels channels;

	private final JsonMapper json;

	private final Clock clock;

	private final ConversationProperties properties;

	private final EventBus events;

	private final ConversationLog log;

	private final ConversationLimits limits;

	private final Appends appends;

	private final ConversationMeters meters;

	Conversations(ReactiveStringRedisTemplate redis, RedisChannels channels, JsonMapper json, Clock clock,
			ConversationProperties properties, EventBus events, ConversationLog log, ConversationLimits limits,
			Appends appends, ConversationMeters meters) {
		this.meters = meters;
		this.limits = limits;
		this.appends = appends;
		this.redis = redis;
		this.channels = channels;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
		this.events = events;
		this.log = log;
	}

	public Mono<ConversationState> state(String conversationId) {
		return this.redis.<String, String>opsForHash()
			.entries(RedisKeys.conversation(conversationId))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.mapNotNull((hash) -> state(conversationId, hash));
	}

	private @Nullable ConversationState state(String id, Map<String, String> hash) {
		ConversationStatus status = ConversationStatus.fromWire(hash.getOrDefault("state", "")).orElse(null);
		if (status == null) {
			return null;
		}
		return new ConversationState(id, status, hash.getOrDefault("sid", ""), hash.get("counsellor"),
				hash.get("counsellorName"), hash.get("offeredTo"), number(hash, "seq"), number(hash, "queuedAt"),
				this.json.readValue(hash.getOrDefault("intake", "{}"), Intake.class), number(hash, "ack:counsellor"));
	}

	private static long number(Map<String, String> hash, String field) {
		return Long.parseLong(hash.getOrDefault(field, "0"));
	}

	/**
	 * Appends a message; the returned seq is only given once the message is in the log.
	 * An empty client message id is allowed only for system messages. A side whose
	 * messages have reached {@link ConversationLimits#maxMessagesPerSide()} gets
	 * {@link AppendResult.Full}; a sender over their message rate (a visitor's per
	 * session, a counsellor's per conversation) gets {@link AppendResult.RateLimited},
	 * checked in the same script, so a message costs one round trip to Redis.
	 */
	public Mono<AppendResult> append(String conversationId, Party from, String actor, String clientMsgId, String text) {
		Instant now = now();
		boolean visitor = from == Party.VISITOR;
		String bucket = RedisKeys.messageRate(from.wire(), visitor ? actor : actor + ":" + conversationId);
		int capacity = visitor ? this.limits.visitorMessages() : this.limits.counsellorMessages();
		Duration period = visitor ? this.limits.visitorMessagesPeriod() : this.limits.counsellorMessagesPeriod();
		List<String> keys = List.of(RedisKeys.conversation(conversationId),
				RedisKeys.conversationClientIds(conversationId), bucket);
		List<String> args = List.of(conversationId, from.wire(), actor, clientMsgId, text, now.toString(),
				Integer.toString(this.limits.maxMessagesPerSide()), Integer.toString(capacity),
				Long.toString(period.toMillis()), Long.toString(now.toEpochMilli()));
		return this.appends.run(APPEND, keys, args)
			.doOnNext((answer) -> this.meters.appended(from, answer))
			.map(AppendResult::of);
	}

	/** Ends the conversation whatever its state; a second call changes nothing. */
	public Mono<Boolean> end(String conversationId, String reason) {
		Instant now = now();
		List<String> args = List.of(conversationId, reason, Long.toString(now.toEpochMilli()), now.toString(),
				Long.toString(this.properties.textRetention().toSeconds()));
		return this.redis.execute(END, List.of(RedisKeys.conversation(conversationId)), args).next().map((reply) -> {
			boolean ended = "ok".equals(reply.get(0));
			if (ended) {
				logger.info("A conversation ended ({}), was {}", reason, reply.get(1));
				this.events.publish(new ConversationEnded(conversationId, reason));
			}
			return ended;
		});
	}

	/**
	 * Ends the conversation and blocks its visitor (session and keyed address hash) for
	 * the block duration.
	 */
	public Mono<BlockResult> block(String conversationId, String counsellor) {
		Instant now = now();
		List<String> args = List.of(conversationId, counsellor, Long.toString(now.toEpochMilli()), now.toString(),
				Long.toString(this.properties.textRetention().toSeconds()),
				Long.toString(this.properties.blockDuration().toSeconds()));
		return this.redis.execute(BLOCK, List.of(RedisKeys.conversation(conversationId)), args)
			.next()
			.map((reply) -> BlockResult.of(String.valueOf(reply.get(0))))
			.doOnNext((outcome) -> {
				if (outcome instanceof BlockResult.Blocked) {
					logger.info("A conversation ended: visitor blocked by {}", counsellor);
					this.events.publish(new ConversationEnded(conversationId, "blocked"));
				}
			});
	}

	/** Remembers that a party has shown everything up to {@code seq}. */
	public Mono<Void> acknowledge(String conversationId, Party party, long seq) {
		return this.redis
			.execute(ACK, List.of(RedisKeys.conversation(conversationId)),
					List.of("ack:" + party.wire(), Long.toString(seq)))
			.then();
	}

	/** The visitor's optional answer to "did this help?", kept with the metadata. */
	public Mono<Void> recordFeedback(String conversationId, String helped) {
		String patch = this.json.writeValueAsString(Map.of("feedback", helped));
		return this.redis.<String, String>opsForHash()
			.put(RedisKeys.OUTBOX, conversationId + "|feedback", patch)
			.then();
	}

	/** How many conversations are in progress now (accepted, not ended or requeued). */
	public Mono<Long> activeCount() {
		return this.redis.opsForSet().size(RedisKeys.ACTIVE);
	}

	/** Typing signals are live only: not sequenced, not stored. */
	public Mono<Void> typing(String conversationId, Party from, boolean active) {
		var event = ConversationEvent.typing(from, active);
		return this.redis.convertAndSend(RedisKeys.conversationChannel(conversationId), write(event)).then();
	}

	/**
	 * Every event with seq greater than {@code lastSeq}, in order and once, then live
	 * events, ending after the {@code ended} event.
	 */
	public Flux<ConversationEvent> stream(String conversationId, long lastSeq) {
		return this.log.follow(conversationId, lastSeq);
	}

	private String write(ConversationEvent event) {
		return this.json.writeValueAsString(event);
	}

	private Instant now() {
		return this.clock.instant();
	}

}
