package nl.uitweg.platform;

import java.util.function.Function;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
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
	 * Runs work on the connection to the primary that holds the key, for commands that
	 * must reach that very server though they name no key (such as {@code WAIT} after a
	 * write): the connection itself, except on a cluster, where it is the connection to
	 * the primary of the key's slot, looked up on every call. Such a connection follows
	 * no redirection, so after a failover its reply ({@code MOVED}) or its loss makes the
	 * cluster client re-read the topology, and the work fails transiently: a retry goes
	 * to the new primary.
	 */
	public static <T> Mono<T> onPrimaryFor(Own<StatefulConnection<String, String>> own, String key,
			Function<StatefulRedisConnection<String, String>, Mono<T>> work) {
		if (!(own.connection() instanceof StatefulRedisClusterConnection<String, String> cluster)) {
			return work.apply((StatefulRedisConnection<String, String>) own.connection());
		}
		int slot = SlotHash.getSlot(key);
		return Mono.defer(() -> {
			RedisClusterNode node = cluster.getPartitions().getMasterBySlot(slot);
			if (node == null) {
				return Mono.error(new TransientDataAccessResourceException("No primary known for slot " + slot));
			}
			return Mono.fromFuture(cluster.getConnectionAsync(node.getNodeId())).flatMap(work);
		}).onErrorResume((ex) -> {
			boolean moved = wrongServer(ex);
			if (!moved && !StoreRetry.isTransient(ex)) {
				return Mono.error(ex);
			}
			// Not the reply as cause: StoreRetry takes a refusal by Redis for final.
			Throwable failure = moved ? new TransientDataAccessResourceException(
					"Slot " + slot + " is no longer on this Redis Cluster primary: " + ex.getMessage()) : ex;
			return Mono.fromCompletionStage(((RedisClusterClient) own.client()).refreshPartitionsAsync())
				.onErrorResume((refresh) -> Mono.empty())
				.then(Mono.error(failure));
		});
	}

	/**
	 * A node that no longer serves the slot: it redirects, or it has become a replica (a
	 * restarted old primary answers a script it lost from its cache, then refuses WAIT).
	 */
	private static boolean wrongServer(Throwable ex) {
		String message = String.valueOf(ex.getMessage());
		return ex instanceof RedisCommandExecutionException && (message.startsWith("MOVED")
				|| message.startsWith("READONLY") || message.startsWith("ERR WAIT cannot be used with replica"));
	}

	private static RedisClusterClient cluster(RedisUris uris) {
		RedisClusterClient client = RedisClusterClient.create(uris.clusterUris());
		client.setOptions(uris.clusterClientOptions());
		return client;
	}

	/** Opens the connection; a failure to connect does not leave the client running. */
	private static <C extends StatefulConnection<?, ?>> Own<C> own(AbstractRedisClient client, Supplier<C> connect) {
		try {
			return new Own<>(connect.get(), client);
		}
		catch (RuntimeException ex) {
			RedisUris.shutdown(client);
			throw ex;
		}
	}

}
