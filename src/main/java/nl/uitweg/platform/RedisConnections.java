package nl.uitweg.platform;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import reactor.core.publisher.Mono;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Opens the connections Uitweg keeps next to Spring Data's, each with a client of its
 * own, of the right kind for the deployment {@link RedisUris} names, so their users never
 * ask which one it is: on a cluster a pub/sub connection hears what is published on any
 * node, and commands follow their keys' slots.
 */
public final class RedisConnections {

	private RedisConnections() {
	}

	/** A connection Uitweg opened itself, closed with the client only it uses. */
	public record Own<C extends StatefulConnection<?, ?>>(C connection,
			AbstractRedisClient client) implements AutoCloseable {

		@Override
		public void close() {
			this.connection.close();
			RedisUris.shutdown(this.client);
		}

	}

	/**
	 * Commands on the primary: a standalone server, the primary behind a sentinel (a
	 * master/replica connection that listens to the sentinel, so it follows a failover,
	 * where a plain one would reconnect to the old primary's address), or a cluster
	 * connection that routes each command to the primary of its key's slot.
	 */
	public static <K, V> Own<StatefulConnection<K, V>> commands(RedisUris uris, RedisCodec<K, V> codec) {
		if (uris.mode() == RedisUris.Mode.CLUSTER) {
			RedisClusterClient client = cluster(uris);
			return own(client, () -> client.connect(codec));
		}
		RedisClient client = RedisClient.create();
		client.setOptions(uris.clientOptions());
		if (uris.mode() == RedisUris.Mode.SENTINEL) {
			return own(client, () -> {
				StatefulRedisMasterReplicaConnection<K, V> connection = MasterReplica.connect(client, codec,
						uris.uri());
				connection.setReadFrom(ReadFrom.UPSTREAM);
				return connection;
			});
		}
		return own(client, () -> client.connect(codec, uris.uri()));
	}

	/**
	 * One pub/sub connection. On a cluster it subscribes on one node, which hears what is
	 * published on every node (Redis forwards PUBLISH over the cluster bus); after losing
	 * that node Lettuce reconnects to another and subscribes again.
	 */
	public static Own<StatefulRedisPubSubConnection<String, String>> pubSub(RedisUris uris) {
		if (uris.mode() == RedisUris.Mode.CLUSTER) {
			RedisClusterClient client = cluster(uris);
			return own(client, () -> client.connectPubSub(StringCodec.UTF8));
		}
		RedisClient client = RedisClient.create();
		client.setOptions(uris.clientOptions());
		return own(client, () -> client.connectPubSub(StringCodec.UTF8, uris.uri()));
	}

	/**
	 * The connection to the primary that holds the key: the connection itself, except on
	 * a cluster, where it is the connection to the primary of the key's slot (for a
	 * command that names no key but must reach that server, such as {@code WAIT}). Looked
	 * up on every call, so a failover is followed once Lettuce has refreshed its view.
	 */
	public static Mono<StatefulRedisConnection<String, String>> primaryFor(
			StatefulConnection<String, String> connection, String key) {
		if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
			return Mono.defer(() -> {
				RedisClusterNode node = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
				if (node == null) {
					return Mono.error(new TransientDataAccessResourceException(
							"No Redis Cluster primary known for slot " + SlotHash.getSlot(key)));
				}
				return Mono.fromFuture(cluster.getConnectionAsync(node.getNodeId()));
			});
		}
		return Mono.just((StatefulRedisConnection<String, String>) connection);
	}

	private static RedisClusterClient cluster(RedisUris uris) {
		RedisClusterClient client = RedisClusterClient.create(uris.clusterUris());
		client.setOptions(uris.clusterClientOptions());
		return client;
	}

	/** Opens the connection; a failure to connect does not leave the client running. */
	private static <C extends StatefulConnection<?, ?>> Own<C> own(AbstractRedisClient client,
			java.util.function.Supplier<C> connect) {
		try {
			return new Own<>(connect.get(), client);
		}
		catch (RuntimeException ex) {
			RedisUris.shutdown(client);
			throw ex;
		}
	}

}
