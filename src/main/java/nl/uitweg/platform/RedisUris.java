package nl.uitweg.platform;

import java.time.Duration;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

/**
 * The address of the Redis server for the connections Uitweg opens itself (pub/sub, rate
 * limits), next to the ones Spring Data opens from the same details, and their closing.
 * Spring Data follows the same settings: a URL, or {@code spring.data.redis.sentinel.*}.
 */
public final class RedisUris {

	private RedisUris() {
	}

	/**
	 * A standalone server, or the master a Sentinel set-up names (Lettuce asks the
	 * sentinels again on every reconnect, so a failover is followed); TLS when the URL is
	 * {@code rediss://} or {@code spring.data.redis.ssl.enabled} is set.
	 */
	public static RedisURI of(DataRedisConnectionDetails details, boolean ssl) {
		DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
		RedisURI.Builder builder;
		if (sentinel != null) {
			builder = sentinel(sentinel);
		}
		else {
			DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
			if (standalone == null) {
				throw new IllegalStateException(
						"Pub/sub and rate limits need a standalone or Sentinel-managed Redis; Redis Cluster is not supported yet");
			}
			builder = RedisURI.builder()
				.withHost(standalone.getHost())
				.withPort(standalone.getPort())
				.withDatabase(standalone.getDatabase());
		}
		builder.withTimeout(Duration.ofSeconds(10)).withSsl(ssl);
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

	private static RedisURI.Builder sentinel(DataRedisConnectionDetails.Sentinel sentinel) {
		RedisURI.Builder builder = RedisURI.builder()
			.withSentinelMasterId(sentinel.getMaster())
			.withDatabase(sentinel.getDatabase());
		for (DataRedisConnectionDetails.Node node : sentinel.getNodes()) {
			RedisURI.Builder sentinelNode = RedisURI.builder().withHost(node.host()).withPort(node.port());
			if (sentinel.getPassword() != null) {
				if (sentinel.getUsername() != null) {
					sentinelNode.withAuthentication(sentinel.getUsername(), sentinel.getPassword());
				}
				else {
					sentinelNode.withPassword(sentinel.getPassword().toCharArray());
				}
			}
			builder.withSentinel(sentinelNode.build());
		}
		return builder;
	}

	/**
	 * A connection to the primary. Behind a sentinel it follows the primary through a
	 * failover (Lettuce's master/replica connection listens to the sentinel): a plain
	 * connection would reconnect to the old primary's address and, once that server is
	 * back as a replica, have every write refused.
	 */
	public static <K, V> StatefulRedisConnection<K, V> connect(RedisClient client, RedisCodec<K, V> codec,
			DataRedisConnectionDetails details, boolean ssl) {
		RedisURI uri = of(details, ssl);
		if (details.getSentinel() == null) {
			return client.connect(codec, uri);
		}
		StatefulRedisMasterReplicaConnection<K, V> connection = MasterReplica.connect(client, codec, uri);
		connection.setReadFrom(ReadFrom.UPSTREAM);
		return connection;
	}

	/** Whether the application's Redis settings ask for TLS. */
	public static boolean ssl(DataRedisProperties properties) {
		return properties.getSsl().isEnabled()
				|| (properties.getUrl() != null && properties.getUrl().startsWith("rediss://"));
	}

	/** Closes a connection Uitweg opened itself and the client behind it, if started. */
	public static void close(@Nullable StatefulConnection<?, ?> connection, @Nullable RedisClient client) {
		if (connection != null) {
			connection.close();
		}
		if (client != null) {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
