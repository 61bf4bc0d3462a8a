package nl.uitweg.presence;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.platform.Timers;

/**
 * Heartbeats for the connections this instance holds. A visitor's open conversation and a
 * counsellor's console connection are vouched for every heartbeat; when a connection
 * closes, or its instance dies, the vouching stops and the sweeps take over after the
 * grace period.
 */
@Service
public class Presence extends BackgroundLoop {

	private final ReactiveStringRedisTemplate redis;

	private final PresenceProperties properties;

	private final Clock clock;

	private final Timers timers;

	private final Set<Tracked> tracked = ConcurrentHashMap.newKeySet();

	Presence(ReactiveStringRedisTemplate redis, PresenceProperties properties, Clock clock, Timers timers) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
		this.timers = timers;
	}

	/**
	 * One thing this instance vouches for: a member of a sorted set scored by last seen.
	 */
	public final class Tracked {

		private final String key;

		private final String member;

		private Tracked(String key, String member) {
			this.key = key;
			this.member = member;
		}

		/**
		 * Stops vouching; the last-seen time stays, so the grace period runs from now.
		 */
		public Mono<Void> stop() {
			Presence.this.tracked.remove(this);
			return touch(this);
		}

		/** Stops vouching without a last touch (the owner removed the entry itself). */
		public void forget() {
			Presence.this.tracked.remove(this);
		}

	}

	/** The visitor of this conversation is connected here. */
	public Mono<Tracked> visitorConnected(String conversationId) {
		return track(RedisKeys.VISITOR_PRESENCE, conversationId);
	}

	/**
	 * This console connection of a counsellor is held here (registered by the presence
	 * script).
	 */
	public Tracked counsellorConnected(String username, String connectionId) {
		Tracked entry = new Tracked(RedisKeys.counsellorConnections(username), connectionId);
		this.tracked.add(entry);
		return entry;
	}

	private Mono<Tracked> track(String key, String member) {
		Tracked entry = new Tracked(key, member);
		this.tracked.add(entry);
		return touch(entry).thenReturn(entry);
	}

	private Mono<Void> touch(Tracked entry) {
		return this.redis.opsForZSet().add(entry.key, entry.member, this.clock.millis()).then();
	}

	/** Vouches for everything held here, in one pass. */
	Mono<Long> heartbeat() {
		List<Tracked> all = List.copyOf(this.tracked);
		return Flux.fromIterable(all)
			.flatMap((entry) -> this.redis.opsForZSet().add(entry.key, entry.member, this.clock.millis()), 64)
			.count();
	}

	@Override
	protected Flux<?> loop() {
		return passes(Flux.interval(this.properties.heartbeatInterval(), this.timers.scheduler()), this::heartbeat,
				"Heartbeat");
	}

}
