package nl.uitweg.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import nl.uitweg.conversation.ConversationEnded;
import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.conversation.EndReason;
import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.LuaScripts;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.platform.Timers;

/**
 * Runs on every instance: ends conversations that have been open longer than any real one
 * ({@link BackstopProperties}), as {@link EndReason#EXPIRED}. Heartbeats prove a socket
 * is open, not that anyone is behind it; without this, a half-open connection would keep
 * a conversation, a counsellor's capacity and the message text forever. The script is
 * atomic, so instances sweeping at once end each conversation once, and the instance that
 * ended it tells its modules ({@link ConversationEnded}).
 */
@Component
class Backstop extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(Backstop.class);

	private static final RedisScript<List<Object>> EXPIRE_OVERDUE = LuaScripts.load("presence/expire-overdue");

	private static final int MAX_PER_SWEEP = 200;

	private final ReactiveStringRedisTemplate redis;

	private final BackstopProperties properties;

	private final Clock clock;

	private final Timers timers;

	private final EventBus events;

	private final ConversationProperties conversations;

	Backstop(ReactiveStringRedisTemplate redis, BackstopProperties properties, Clock clock, Timers timers,
			EventBus events, ConversationProperties conversations) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
		this.timers = timers;
		this.events = events;
		this.conversations = conversations;
	}

	/** One sweep; the number of conversations it ended. */
	Mono<Integer> sweep() {
		Instant now = this.clock.instant();
		List<String> args = List.of(Long.toString(now.toEpochMilli()),
				Long.toString(this.properties.maxQueued().toMillis()),
				Long.toString(this.properties.maxActive().toMillis()), now.toString(),
				Long.toString(this.conversations.textRetention().toSeconds()), Integer.toString(MAX_PER_SWEEP),
				EndReason.EXPIRED.wire());
		return this.redis.execute(EXPIRE_OVERDUE, List.of(RedisKeys.QUEUE, RedisKeys.OFFERS, RedisKeys.ACTIVE), args)
			.next()
			.map(Backstop::ended)
			.doOnNext((ended) -> ended.forEach((event) -> this.events.publish(event)))
			.map(List::size);
	}

	/** The script's reply: conversation id and the state it was in, pair after pair. */
	private static List<ConversationEnded> ended(List<Object> reply) {
		List<ConversationEnded> ended = new ArrayList<>(reply.size() / 2);
		for (int i = 0; i + 1 < reply.size(); i += 2) {
			log.info("A conversation ended: open past its backstop lifetime (was {})", reply.get(i + 1));
			ended.add(new ConversationEnded(String.valueOf(reply.get(i)), EndReason.EXPIRED.wire()));
		}
		return ended;
	}

	@Override
	protected Flux<?> loop() {
		return passes(Flux.interval(this.properties.sweepInterval(), this.timers.scheduler()), this::sweep,
				"Backstop sweep");
	}

}
