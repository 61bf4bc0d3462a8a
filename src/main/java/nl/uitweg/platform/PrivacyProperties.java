package nl.uitweg.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How soon what has expired in Redis must also be gone from its files on disk.
 *
 * @param rewriteInterval at most this long (plus a quarter) passes between two scrubs of
 * Redis's append-only file and snapshot (see {@link RedisPersistenceScrubber}); at most
 * {@link #MAX_REWRITE_INTERVAL}, so expired text and address secrets leave the disk
 * within the hour documented in operations.md
 */
@ConfigurationProperties("uitweg.privacy")
public record PrivacyProperties(@DefaultValue("15m") Duration rewriteInterval) {

	/** With a quarter of slack and the rewrite itself, this keeps the bound under 1 h. */
	public static final Duration MAX_REWRITE_INTERVAL = Duration.ofMinutes(45);

	public PrivacyProperties {
		if (rewriteInterval.isNegative() || rewriteInterval.isZero()
				|| rewriteInterval.compareTo(MAX_REWRITE_INTERVAL) > 0) {
			throw new IllegalArgumentException("uitweg.privacy.rewrite-interval must be more than 0 and at most "
					+ MAX_REWRITE_INTERVAL.toMinutes() + " minutes, not " + rewriteInterval);
		}
	}

}
