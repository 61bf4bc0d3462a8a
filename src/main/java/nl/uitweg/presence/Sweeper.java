package nl.uitweg.presence;

import java.time.Clock;
import java.time.Duration;
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
import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.LuaScripts;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.platform.Timers;
import nl.uitweg.queue.VisitorQueued;

/**
 * Runs on every instance: ends the conversations of visitors gone past their grace
 * period, and moves the conversations of counsellors gone past theirs back to the front
 * of the queue. Both are atomic scripts, so several instances sweeping at once do each
 * thing once; the instance whose sweep did it tells its modules, as the interactive paths
 * do ({@link ConversationEnded}, {@link VisitorQueued}).
 */
@Component
class Sweeper extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

	private static final RedisScript<List<Object>> SWEEP_VISITORS = LuaScripts.load("presence/sweep-visitors");

	private static final RedisScript<List<Object>> SWEEP_COUNSELLORS = LuaScripts.load("presence/sweep-counsellors");

	private static final int MAX_PER_SWEEP = 200;

	private final ReactiveStringRedisTemplate redis;

	private final PresenceProperties properties;

	private final Clock clock;

	private final Timers timers;

	private final EventBus events;

	private final Duration textRetention;

	private volatile Instant lastFailure = Instant.MIN;

	Sweeper(ReactiveStringRedisTemplate redis, PresenceProperties properties, Clock clock, Timers timers,
			EventBus events, ConversationProperties conversations) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
		this.timers = timers;
		this.events = events;
		this.textRetention = conversations.textRetention();
	}

	Mono<Integer> sweepVisitors() {
		Instant now = this.clock.instant();
		List<String> args = List.of(Long.toString(now.toEpochMilli()),
				Long.toString(this.properties.visitorGrace().toMillis()), now.toString(),
				Long.toString(this.textRetention.toSeconds()), Integer.toString(MAX_PER_SWEEP));
		return this.redis.execute(SWEEP_VISITORS, List.of(RedisKeys.VISITOR_PRESENCE), args)
			.next()
			.map(Sweeper::endedConversations)
			.doOnNext((ended) -> ended.forEach((event) -> {
				log.info("A conversation ended: visitor gone ({})", event.reason());
				this.events.publish(event);
			}))
			.map(List::size);
	}

	/** The visitor sweep's reply: conversation id and end reason, pair after pair. */
	private static List<ConversationEnded> endedConversations(List<Object> reply) {
		List<ConversationEnded> ended = new ArrayList<>(reply.size() / 2);
		for (int i = 0; i + 1 < reply.size(); i += 2) {
			ended.add(new ConversationEnded(String.valueOf(reply.get(i)), String.valueOf(reply.get(i + 1))));
		}
		return ended;
	}

	Mono<Integer> sweepCounsellors() {
		Instant now = this.clock.instant();
		List<String> args = List.of(Long.toString(now.toEpochMilli()),
				Long.toString(this.properties.connectionTimeout().toMillis()),
				Long.toString(this.properties.counsellorGrace().toMillis()), now.toString(),
				this.properties.counsellorLostNl(), this.properties.counsellorLostEn(),
				Integer.toString(MAX_PER_SWEEP));
		return this.redis
			.execute(SWEEP_COUNSELLORS, List.of(RedisKeys.COUNSELLORS, RedisKeys.OFFLINE_COUNSELLORS), args)
			.next()
			.map((moved) -> moved.stream().map((cid) -> new VisitorQueued(String.valueOf(cid))).toList())
			.doOnNext((requeued) -> requeued.forEach((event) -> {
				log.info("A conversation went back to the queue: counsellor gone");
				this.events.publish(event);
			}))
			.map(List::size);
	}

	/**
	 * After Redis was unreachable, every heartbeat is stale at once; wait one connection
	 * timeout so the instances can vouch for their connections again before anyone is
	 * declared gone.
	 */
	private boolean settled() {
		return this.lastFailure.equals(Instant.MIN)
				|| this.clock.instant().isAfter(this.lastFailure.plus(this.properties.connectionTimeout()));
	}

	@Override
	protected Flux<?> loop() {
		Flux<Long> ticks = Flux.interval(this.properties.sweepInterval(), this.timers.scheduler())
			.filter((tick) -> settled());
		return passes(ticks, () -> sweepCounsellors().then(sweepVisitors())
			.doOnError((ex) -> this.lastFailure = this.clock.instant()), "Presence sweep");
	}

}
