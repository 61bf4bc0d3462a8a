package nl.uitweg.platform;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where the Redis for the connections Uitweg opens itself (pub/sub, rate limits,
 * replicated appends) is, and how to reach it: the one place that decides between a
 * standalone server, a Sentinel-managed primary and a Redis Cluster, with the same
 * settings as Spring Data's own connections (a URL, {@code spring.data.redis.sentinel.*}
 * or {@code spring.data.redis.cluster.nodes}; credentials; TLS with the same SSL bundle).
 * {@link RedisConnections} opens the connections.
 */
public final class RedisUris {

	/** How long a command may take before it fails, on every connection of our own. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Redis's deployment, decided in the same order as Spring Data's. */
	public enum Mode {

		STANDALONE, SENTINEL, CLUSTER

	}

	private final DataRedisConnectionDetails details;

	private final DataRedisProperties properties;

	private final boolean ssl;

	private RedisUris(DataRedisConnectionDetails details, DataRedisProperties properties) {
		this.details = details;
		this.properties = properties;
		this.ssl = properties.getSsl().isEnabled()
				|| (properties.getUrl() != null && properties.getUrl().startsWith("rediss://"));
	}

	public static RedisUris of(DataRedisConnectionDetails details, DataRedisProperties properties) {
		return new RedisUris(details, properties);
	}

	public Mode mode() {
		if (this.details.getSentinel() != null) {
			return Mode.SENTINEL;
		}
		if (this.details.getCluster() != null) {
			return Mode.CLUSTER;
		}
		return Mode.STANDALONE;
	}

	/**
	 * Whether the settings ask for TLS ({@code rediss://}, or an SSL setting or bundle).
	 */
	public boolean ssl() {
		return this.ssl;
	}

	/**
	 * A standalone server, or the master a Sentinel set-up names (Lettuce asks the
	 * sentinels again on every reconnect, so a failover is followed).
	 */
	RedisURI uri() {
		DataRedisConnectionDetails.Sentinel sentinel = this.details.getSentinel();
		RedisURI.Builder builder;
		if (sentinel != null) {
			builder = sentinel(sentinel);
		}
		else {
			DataRedisConnectionDetails.Standalone standalone = this.details.getStandalone();
			if (standalone == null) {
				throw new IllegalStateException("No standalone Redis configured");
			}
			builder = RedisURI.builder()
				.withHost(standalone.getHost())
				.withPort(standalone.getPort())
				.withDatabase(standalone.getDatabase());
		}
		return withSecurity(builder).build();
	}

	/** The seed nodes of a cluster; Lettuce learns the others from them. */
	List<RedisURI> clusterUris() {
		DataRedisConnectionDetails.Cluster cluster = this.details.getCluster();
		if (cluster == null || cluster.getNodes().isEmpty()) {
			throw new IllegalStateException("No Redis Cluster nodes configured");
		}
		return cluster.getNodes()
			.stream()
			.map((node) -> withSecurity(RedisURI.builder().withHost(node.host()).withPort(node.port())).build())
			.toList();
	}

	private RedisURI.Builder withSecurity(RedisURI.Builder builder) {
		builder.withTimeout(TIMEOUT).withSsl(this.ssl);
		String password = this.details.getPassword();
		if (password != null) {
			String username = this.details.getUsername();
			if (username != null) {
				builder.withAuthentication(username, password);
			}
			else {
				builder.withPassword(password.toCharArray());
			}
		}
		return builder;
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
	 * Client options with the SSL bundle's trust (and key) material, as Spring Data's.
	 */
	ClientOptions clientOptions() {
		ClientOptions.Builder builder = ClientOptions.builder();
		SslOptions sslOptions = sslOptions();
		if (sslOptions != null) {
			builder.sslOptions(sslOptions);
		}
		return builder.build();
	}

	/**
	 * The same, for a cluster, which also refreshes its view of the cluster when a
	 * command is redirected or a node cannot be reached, so a failover is followed.
	 */
	ClusterClientOptions clusterClientOptions() {
		DataRedisProperties.Lettuce.Cluster.Refresh refresh = this.properties.getLettuce().getCluster().getRefresh();
		ClusterTopologyRefreshOptions.Builder topology = ClusterTopologyRefreshOptions.builder()
			.enableAllAdaptiveRefreshTriggers()
			.dynamicRefreshSources(refresh.isDynamicRefreshSources());
		if (refresh.getPeriod() != null) {
			topology.enablePeriodicRefresh(refresh.getPeriod());
		}
		ClusterClientOptions.Builder builder = ClusterClientOptions.builder().topologyRefreshOptions(topology.build());
		if (this.properties.getCluster() != null && this.properties.getCluster().getMaxRedirects() != null) {
			builder.maxRedirects(this.properties.getCluster().getMaxRedirects());
		}
		SslOptions sslOptions = sslOptions();
		if (sslOptions != null) {
			builder.sslOptions(sslOptions);
		}
		return builder.build();
	}

	private @Nullable SslOptions sslOptions() {
		SslBundle bundle = this.details.getSslBundle();
		if (!this.ssl || bundle == null) {
			// rediss:// without a bundle: the JVM's trust store, Lettuce's default.
			return null;
		}
		SslOptions.Builder builder = SslOptions.builder()
			.keyManager(bundle.getManagers().getKeyManagerFactory())
			.trustManager(bundle.getManagers().getTrustManagerFactory());
		org.springframework.boot.ssl.SslOptions options = bundle.getOptions();
		if (options.getCiphers() != null) {
			builder.cipherSuites(options.getCiphers());
		}
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		return builder.build();
	}

	/** Closes the client of a connection Uitweg opened itself, if started. */
	static void shutdown(@Nullable AbstractRedisClient client) {
		if (client != null) {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
