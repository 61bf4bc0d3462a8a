package nl.uitweg.conversation;

import java.time.Clock;
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

	private static final Logger log = LoggerFactory.getLogger(Conversations.class);

	private static final RedisScript<List<Object>> APPEND = LuaScripts.load("append");

	private static final RedisScript<List<Object>> END = LuaScripts.load("end");

	private final ReactiveStringRedisTemplate redis;

	private final RedisChannels channels;

	private final JsonMapper json;

	private final Clock clock;

	private final ConversationProperties properties;

	private final EventBus events;

	Conversations(ReactiveStringRedisTemplate redis, RedisChannels channels, JsonMapper json, Clock clock,
			ConversationProperties properties, EventBus events) {
		this.redis = redis;
		this.channels = channels;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
		this.events = events;
	}

	public Mono<ConversationState> state(String conversationId) {
		return this.redis.<String, String>opsForHash()
			.entries(RedisKeys.conversation(conversationId))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.mapNotNull((hash) -> ConversationState.from(conversationId, hash));
	}

	/**
	 * Appends a message; the returned seq is only given once the message is in the log.
	 * An empty client message id is allowed only for system messages.
	 */
	public Mono<AppendResult> append(String conversationId, Party from, String actor, String clientMsgId, String text) {
		List<String> keys = List.of(RedisKeys.conversation(conversationId),
				RedisKeys.conversationClientIds(conversationId));
		List<String> args = List.of(conversationId, from.wire(), actor, clientMsgId, text, now().toString());
		return this.redis.execute(APPEND, keys, args).next().map(Conversations::appendResult);
	}

	private static AppendResult appendResult(List<Object> reply) {
		return switch (String.valueOf(reply.get(0))) {
			case "ok", "duplicate" -> new AppendResult.Accepted(Long.parseLong(String.valueOf(reply.get(1))));
			case "not_yours" -> new AppendResult.NotYours();
			case "not_found" -> new AppendResult.NotFound();
			default -> new AppendResult.NotOpen();
		};
	}

	/** Ends the conversation whatever its state; a second call changes nothing. */
	public Mono<Boolean> end(String conversationId, String reason) {
		List<String> keys = List.of(RedisKeys.conversation(conversationId), RedisKeys.conversationLog(conversationId),
				RedisKeys.conversationClientIds(conversationId), RedisKeys.OUTBOX);
		Instant now = now();
		List<String> args = List.of(conversationId, reason, Long.toString(now.toEpochMilli()), now.toString(),
				Long.toString(this.properties.textRetention().toSeconds()));
		return this.redis.execute(END, keys, args).next().map((reply) -> {
			boolean ended = "ok".equals(reply.get(0));
			if (ended) {
				log.info("Conversation {} ended ({}), was {}", conversationId, reason, reply.get(1));
				this.events.publish(new ConversationEnded(conversationId, reason, String.valueOf(reply.get(3))));
			}
			return ended;
		});
	}

	/** The visitor's optional answer to "did this help?", kept with the metadata. */
	public Mono<Void> recordFeedback(String conversationId, String helped) {
		String patch = this.json.writeValueAsString(Map.of("feedback", helped));
		return this.redis.<String, String>opsForHash()
			.put(RedisKeys.OUTBOX, conversationId + "|feedback", patch)
			.then();
	}

	/** Typing signals are live only: not sequenced, not stored. */
	public Mono<Void> typing(String conversationId, Party from, boolean active) {
		var event = new ConversationEvent(ConversationEvent.TYPING, 0, from.wire(), null, null, null, active, null);
		return this.redis.convertAndSend(RedisKeys.conversationChannel(conversationId), write(event)).then();
	}

	/**
	 * Every event with seq greater than {@code lastSeq}, in order, once, then live events
	 * as they come, ending after the {@code ended} event. Gaps in the live feed (a
	 * dropped pub/sub message) are filled from the log.
	 */
	public Flux<ConversationEvent> stream(String conversationId, long lastSeq) {
		return this.channels.subscribe(RedisKeys.conversationChannel(conversationId)).flatMapMany((live) -> {
			var cursor = new Cursor(lastSeq);
			Flux<ConversationEvent> replay = read(conversationId, lastSeq, -1);
			return Flux.merge(replay, live.mapNotNull(this::parse))
				.concatMap((event) -> Flux.defer(() -> cursor.admit(conversationId, event)))
				.takeUntil(ConversationEvent::isEnd);
		});
	}

	/** Events with seq in (after, upTo]; upTo -1 means to the end of the log. */
	Flux<ConversationEvent> read(String conversationId, long after, long upTo) {
		long end = (upTo < 0) ? -1 : upTo - 1;
		return this.redis.opsForList()
			.range(RedisKeys.conversationLog(conversationId), after, end)
			.mapNotNull(this::parse);
	}

	private @Nullable ConversationEvent parse(String raw) {
		try {
			return this.json.readValue(raw, ConversationEvent.class);
		}
		catch (RuntimeException ex) {
			log.warn("Skipping unreadable conversation event ({})", ex.getClass().getSimpleName());
			return null;
		}
	}

	private String write(ConversationEvent event) {
		return this.json.writeValueAsString(event);
	}

	private Instant now() {
		return this.clock.instant();
	}

	/**
	 * Tracks the highest seq handed on, so replay and live never show a gap or a repeat.
	 */
	private final class Cursor {

		private long delivered;

		Cursor(long delivered) {
			this.delivered = delivered;
		}

		Flux<ConversationEvent> admit(String conversationId, ConversationEvent event) {
			if (!event.sequenced()) {
				return Flux.just(event);
			}
			if (event.seq() <= this.delivered) {
				return Flux.empty();
			}
			if (event.seq() == this.delivered + 1) {
				this.delivered = event.seq();
				return Flux.just(event);
			}
			return read(conversationId, this.delivered, event.seq()).filter((e) -> e.seq() == this.delivered + 1)
				.doOnNext((e) -> this.delivered = e.seq());
		}

	}

}
