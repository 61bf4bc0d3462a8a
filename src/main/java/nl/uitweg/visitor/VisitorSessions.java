package nl.uitweg.visitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.RedisKeys;

/**
 * Creates and recognises anonymous visitor sessions. The resume token is shown to the
 * visitor once and kept nowhere: Redis holds only its SHA-256, which is also the
 * session's key.
 */
@Service
public class VisitorSessions {

	public static final String DIRECT = "DIRECT";

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final ReactiveStringRedisTemplate redis;

	private final VisitorProperties properties;

	private final Campaigns campaigns;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	VisitorSessions(ReactiveStringRedisTemplate redis, VisitorProperties properties, Campaigns campaigns, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.campaigns = campaigns;
		this.clock = clock;
	}

	/** A new session and the only copy of its resume token. */
	public record Created(String sessionId, String resumeToken, Instant expiresAt) {
	}

	public Mono<Created> create(@Nullable String locale, @Nullable String campaign) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String sessionId = UUID.randomUUID().toString();
		String key = RedisKeys.visitorSession(hash(token));
		Instant expiresAt = this.clock.instant().plus(this.properties.sessionTtl());
		Map<String, String> fields = Map.of("sid", sessionId, "campaign", campaignCode(campaign), "locale",
				locale(locale));
		return this.redis.<String, String>opsForHash()
			.putAll(key, fields)
			.then(this.redis.expire(key, this.properties.sessionTtl()))
			.thenReturn(new Created(sessionId, token, expiresAt));
	}

	/**
	 * The session behind a resume token; empty for an unknown, expired or malformed
	 * token.
	 */
	public Mono<VisitorSession> authenticate(String token) {
		if (!TOKEN.matcher(token).matches()) {
			return Mono.empty();
		}
		String key = RedisKeys.visitorSession(hash(token));
		return this.redis.<String, String>opsForHash()
			.entries(key)
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.filter((hash) -> hash.containsKey("sid"))
			// A session the visitor left stays short-lived: a reconnecting page must not
			// revive it.
			.flatMap((hash) -> (hash.containsKey("left") ? Mono.just(true)
					: this.redis.expire(key, this.properties.sessionTtl()))
				.thenReturn(new VisitorSession(hash.get("sid"), key, hash.getOrDefault("campaign", DIRECT),
						hash.getOrDefault("locale", defaultLocale()), hash.get("conv"))));
	}

	public Mono<VisitorSession> reload(VisitorSession session) {
		return this.redis.<String, String>opsForHash()
			.get(session.key(), "conv")
			.map((conv) -> new VisitorSession(session.sessionId(), session.key(), session.campaign(), session.locale(),
					conv))
			.defaultIfEmpty(session);
	}

	/**
	 * Remembers the keyed hash of the address the session connects from (for blocking).
	 */
	public Mono<Void> recordAddress(VisitorSession session, String addressHash) {
		return this.redis.<String, String>opsForHash().put(session.key(), "addr", addressHash).then();
	}

	/** True if a counsellor blocked this session. */
	public Mono<Boolean> blocked(VisitorSession session) {
		return this.redis.<String, String>opsForHash().hasKey(session.key(), "blocked");
	}

	/** After a quick exit the session lingers only briefly (for optional feedback). */
	public Mono<Void> shorten(VisitorSession session) {
		return this.redis.<String, String>opsForHash()
			.put(session.key(), "left", "1")
			.then(this.redis.expire(session.key(), this.properties.afterLeave()))
			.then();
	}

	/** A live campaign's code (as this instance last read them), otherwise DIRECT. */
	String campaignCode(@Nullable String campaign) {
		if (campaign == null) {
			return DIRECT;
		}
		String code = campaign.strip().toUpperCase(java.util.Locale.ROOT);
		return this.campaigns.active().contains(code) ? code : DIRECT;
	}

	String locale(@Nullable String locale) {
		return (locale != null && this.properties.locales().contains(locale)) ? locale : defaultLocale();
	}

	private String defaultLocale() {
		return this.properties.locales().isEmpty() ? "nl" : this.properties.locales().get(0);
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
