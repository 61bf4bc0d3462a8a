package nl.uitweg.counsellor;

import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.LuaScripts;
import nl.uitweg.platform.RedisKeys;

/**
 * Where each counsellor stands (available, away, offline), their capacity and current
 * load, shared by all instances through Redis.
 */
@Service
public class CounsellorPresence {

	private static final RedisScript<List<Object>> PRESENCE = LuaScripts.load("counsellor/presence");

	private final ReactiveStringRedisTemplate redis;

	private final Clock clock;

	private final EventBus events;

	CounsellorPresence(ReactiveStringRedisTemplate redis, Clock clock, EventBus events) {
		this.redis = redis;
		this.clock = clock;
		this.events = events;
	}

	/** A counsellor's standing as the dispatcher sees it. */
	public record Standing(CounsellorStatus status, int capacity, int load) {

		/** Available, with room for one more conversation. */
		public boolean canTakeMore() {
			return this.status == CounsellorStatus.AVAILABLE && this.load < this.capacity;
		}

	}

	/**
	 * The conversations offered to or held by this counsellor (ids; the conversation
	 * module has their state).
	 */
	public Flux<String> conversations(String username) {
		return this.redis.opsForSet().members(RedisKeys.counsellorConversations(username));
	}

	public Mono<Standing> connected(StaffAccount account, String connectionId) {
		return run("connect", account.username(), connectionId, account.displayName(),
				Integer.toString(account.capacity()));
	}

	public Mono<Standing> disconnected(String username, String connectionId) {
		return run("disconnect", username, connectionId);
	}

	public Mono<Standing> setStatus(String username, Availability status) {
		return run("status", username, status.wire()).doOnNext((standing) -> {
			if (status == Availability.AVAILABLE) {
				this.events.publish(new CounsellorAvailable(username));
			}
		});
	}

	/**
	 * Applies an account change to a signed-in counsellor at once; a disabled one takes
	 * no new offers.
	 */
	Mono<Void> accountChanged(StaffAccount account) {
		String key = RedisKeys.counsellor(account.username());
		return this.redis.hasKey(key).flatMap((present) -> {
			if (!present) {
				return Mono.<Void>empty();
			}
			var fields = new java.util.HashMap<String, String>(java.util.Map.of("displayName", account.displayName(),
					"capacity", Integer.toString(account.capacity())));
			Mono<Void> update = this.redis.<String, String>opsForHash().putAll(key, fields).then();
			if (account.enabled()) {
				return update;
			}
			// Disabled: no new offers; an offline status stays offline.
			return update.then(this.redis.<String, String>opsForHash()
				.get(key, "status")
				.filter("available"::equals)
				.flatMap((status) -> this.redis.<String, String>opsForHash().put(key, "status", "away"))
				.then());
		});
	}

	/**
	 * Every signed-in counsellor's standing (away or available), for the live monitor.
	 */
	public Flux<Standing> signedIn() {
		return this.redis.opsForSet().members(RedisKeys.COUNSELLORS).flatMap(this::standing, 16);
	}

	public Mono<Standing> standing(String username) {
		return this.redis.<String, String>opsForHash()
			.multiGet(RedisKeys.counsellor(username), List.of("status", "capacity", "load"))
			.map((values) -> standing(values.get(0), values.get(1), values.get(2)));
	}

	private Mono<Standing> run(String op, String username, String... extra) {
		var args = new java.util.ArrayList<String>(List.of(op, username, Long.toString(this.clock.millis())));
		args.addAll(List.of(extra));
		List<String> keys = List.of(RedisKeys.counsellor(username), RedisKeys.COUNSELLORS,
				RedisKeys.OFFLINE_COUNSELLORS);
		return this.redis.execute(PRESENCE, keys, args)
			.next()
			.map((reply) -> standing(reply.get(0), reply.get(1), reply.get(2)));
	}

	private static Standing standing(@org.jspecify.annotations.Nullable Object status,
			@org.jspecify.annotations.Nullable Object capacity, @org.jspecify.annotations.Nullable Object load) {
		return new Standing(CounsellorStatus.fromWire((status != null) ? status.toString() : ""),
				(capacity != null) ? Integer.parseInt(capacity.toString()) : 0,
				(load != null) ? Integer.parseInt(load.toString()) : 0);
	}

}
