package nl.uitweg.conversation;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import nl.uitweg.platform.RedisChannels;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.platform.StoreRetry;
import nl.uitweg.platform.Timers;

/**
 * Reads a conversation's log and follows it live: replay after a given seq, then the
 * pub/sub feed, merged so the reader sees every sequenced event once and in order.
 */
@Component
class ConversationLog {

	private static final Logger log = LoggerFactory.getLogger(ConversationLog.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisChannels channels;

	private final JsonMapper json;

	private final ConversationProperties properties;

	private final Timers timers;

	ConversationLog(ReactiveStringRedisTemplate redis, RedisChannels channels, JsonMapper json,
			ConversationProperties properties, Timers timers) {
		this.redis = redis;
		this.channels = channels;
		this.json = json;
		this.properties = properties;
		this.timers = timers;
	}

	/**
	 * Every event with seq greater than {@code lastSeq}, in order, once, then live events
	 * as they come, ending after the {@code ended} event. A gap in the live feed (a
	 * dropped pub/sub message) is filled from the log, and a periodic look at the head of
	 * the log catches a lost last message. The channel is subscribed before the log is
	 * read, so nothing published in between is missed.
	 */
	Flux<ConversationEvent> follow(String conversationId, long lastSeq) {
		return this.channels.subscribe(RedisKeys.conversationChannel(conversationId)).flatMapMany((live) -> {
			var cursor = new Cursor(conversationId, lastSeq);
			Flux<ConversationEvent> replay = StoreRetry.within(this.properties.storeRetry(), this.timers.scheduler(),
					read(conversationId, lastSeq, -1));
			Flux<ConversationEvent> probes = Flux
				.interval(this.properties.probeInterval(), this.properties.probeInterval(), this.timers.scheduler())
				.onBackpressureDrop()
				.concatMap((tick) -> head(conversationId), 1)
				.map(ConversationEvent::probe);
			return Flux.merge(replay, live.mapNotNull(this::parse), probes)
				.concatMap((event) -> Flux.defer(() -> cursor.admit(event)))
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

	/** The highest seq in the log (0 when the conversation is gone). */
	private Mono<Long> head(String conversationId) {
		return this.redis.<String, String>opsForHash()
			.get(RedisKeys.conversation(conversationId), "seq")
			.map(Long::parseLong)
			.defaultIfEmpty(0L)
			.onErrorResume((ex) -> Mono.just(0L));
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

	/**
	 * Tracks the highest seq handed on, so replay and live never show a gap or a repeat.
	 */
	private final class Cursor {

		private final String conversationId;

		private long delivered;

		Cursor(String conversationId, long delivered) {
			this.conversationId = conversationId;
			this.delivered = delivered;
		}

		Flux<ConversationEvent> admit(ConversationEvent event) {
			if (event.type() == ConversationEvent.Type.PROBE) {
				return (event.seq() > this.delivered) ? catchUp(event.seq()) : Flux.empty();
			}
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
			return catchUp(event.seq());
		}

		/**
		 * Everything after what was delivered, up to and including {@code upTo}, from the
		 * log.
		 */
		private Flux<ConversationEvent> catchUp(long upTo) {
			// A retry reads again from where it started; the filter drops what came
			// through.
			Flux<ConversationEvent> read = StoreRetry.within(ConversationLog.this.properties.storeRetry(),
					ConversationLog.this.timers.scheduler(),
					Flux.defer(() -> read(this.conversationId, this.delivered, upTo)));
			return read.filter((e) -> e.seq() == this.delivered + 1).doOnNext((e) -> this.delivered = e.seq());
		}

	}

}
