package nl.uitweg.counsellor;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

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

	private final JsonMapper json;

	CounsellorPresence(ReactiveStringRedisTemplate redis, Clock clock, EventBus events, JsonMapper json) {
		this.redis = redis;
		this.clock = clock;
		this.events = events;
		this.json = json;
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
	 * Applies a changed display name or capacity to a signed-in counsellor at once (a
	 * disabled account is signed out by {@link #signedOut}).
	 */
	Mono<Void> accountChanged(StaffAccount account) {
		String key = RedisKeys.counsellor(account.username());
		return this.redis.hasKey(key).flatMap((present) -> {
			if (!present) {
				return Mono.<Void>empty();
			}
			Map<String, String> fields = Map.of("displayName", account.displayName(), "capacity",
					Integer.toString(account.capacity()));
			return this.redis.<String, String>opsForHash().putAll(key, fields).then();
		});
	}

	/**
	 * Tells the counsellor's consoles on every instance to close. Without a session
	 * (every session of the account ended) the counsellor also goes offline at once, so
	 * nothing is offered to them any more; what they hold goes back to the queue at the
	 * next sweep when the account is disabled, after the usual grace otherwise.
	 * @param session the {@link StaffSessions#fingerprint} of the one session that signed
	 * out, or null for all of them
	 */
	Mono<Void> signedOut(String username, SignOutReason reason, @Nullable String session) {
		Mono<Void> offline = Mono.empty();
		if (session == null) {
			String since = (reason == SignOutReason.ACCOUNT_DISABLED) ? "0" : Long.toString(this.clock.millis());
			offline = run("revoke", username, since).then();
		}
		Map<String, String> notice = new LinkedHashMap<>();
		notice.put("type", "signed_out");
		notice.put("reason", reason.wire());
		if (session != null) {
			notice.put("session", session);
		}
		String message = this.json.writeValueAsString(notice);
		return offline.then(this.redis.convertAndSend(RedisKeys.counsellorChannel(username), message)).then();
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

	private static Standing standing(@Nullable Object status, @Nullable Object capacity, @Nullable Object load) {
		return new Standing(CounsellorStatus.fromWire((status != null) ? status.toString() : ""),
				(capacity != null) ? Integer.parseInt(capacity.toString()) : 0,
				(load != null) ? Integer.parseInt(load.toString()) : 0);
	}

}
