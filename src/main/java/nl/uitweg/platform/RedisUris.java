package nl.uitweg.platform;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * The address of the Redis server for the connections Uitweg opens itself (pub/sub, rate
 * limits), next to the ones Spring Data opens from the same details, and their closing.
 */
final class RedisUris {

	private RedisUris() {
	}

	static RedisURI of(DataRedisConnectionDetails details) {
		DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
		if (standalone == null) {
			throw new IllegalStateException(
					"Pub/sub and rate limits need a standalone Redis (or one behind a proxy) for now");
		}
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(standalone.getHost())
			.withPort(standalone.getPort())
			.withDatabase(standalone.getDatabase())
			.withTimeout(Duration.ofSeconds(10));
		String password = details.getPassword();
		if (password != null) {
			String username = details.getUsername();
			if (username != null) {
				builder.withAuthentication(username, password);
			}
			else {
				builder.withPassword(password.toCharArray());
			}
		}
		return builder.build();
	}

	/** Closes a connection Uitweg opened itself and the client behind it, if started. */
	static void close(@Nullable StatefulConnection<?, ?> connection, @Nullable RedisClient client) {
		if (connection != null) {
			connection.close();
		}
		if (client != null) {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
