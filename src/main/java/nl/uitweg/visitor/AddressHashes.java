package nl.uitweg.visitor;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.RedisKeys;

/**
 * Keyed hashes (HMAC-SHA256) of visitors' network addresses, for blocking abuse without
 * keeping an address. The secret is made per UTC day, lives only in Redis and expires
 * after two days, so a hash can neither be reversed nor linked across days once its key
 * is gone.
 */
@Service
public class AddressHashes {

	private static final Duration KEY_LIFETIME = Duration.ofHours(49);

	private final ReactiveStringRedisTemplate redis;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	AddressHashes(ReactiveStringRedisTemplate redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
	}

	/** The hash under today's key. */
	public Mono<String> current(InetAddress address) {
		return hashWith(today(), address);
	}

	/**
	 * The hashes under today's and yesterday's keys (a block made yesterday still holds).
	 */
	public Flux<String> recent(InetAddress address) {
		return Flux.concat(hashWith(today(), address), hashWith(today().minusDays(1), address));
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private Mono<String> hashWith(LocalDate day, InetAddress address) {
		return key(day).map((secret) -> day + ":" + hmac(secret, address));
	}

	/** The day's secret, created by whichever instance needs it first. */
	private Mono<String> key(LocalDate day) {
		String name = RedisKeys.addressKey(day.toString());
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String fresh = Base64.getEncoder().encodeToString(bytes);
		return this.redis.opsForValue().setIfAbsent(name, fresh, KEY_LIFETIME).then(this.redis.opsForValue().get(name));
	}

	private static String hmac(String secret, InetAddress address) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(address.getAddress()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/** True if any recent hash of this address is blocked. */
	public Mono<Boolean> blocked(InetAddress address) {
		return recent(address).concatMap((hash) -> this.redis.hasKey(RedisKeys.blockedAddress(hash)))
			.any(Boolean::booleanValue);
	}

}
