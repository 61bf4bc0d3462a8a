package nl.uitweg.platform;

import java.util.Properties;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveClusterServerCommands;
import org.springframework.data.redis.connection.ReactiveRedisClusterConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveServerCommands;
import org.springframework.data.redis.connection.RedisClusterNode;

/**
 * The Redis servers that keep files, for commands that concern one server's persistence:
 * the one server (behind a sentinel, the primary), or every reachable node of a cluster,
 * primaries and replicas. On a cluster Spring Data sends such a command to one node of
 * its choosing, and merges INFO and CONFIG GET of all nodes under prefixed names, which
 * would hide every node's own settings.
 */
final class RedisServers {

	private RedisServers() {
	}

	/** Persistence commands on one server. */
	interface Server {

		Mono<Properties> info(String section);

		Mono<Properties> getConfig(String pattern);

		Mono<String> bgSave();

		Mono<String> bgReWriteAof();

	}

	static Flux<Server> of(ReactiveRedisConnection connection) {
		if (connection instanceof ReactiveRedisClusterConnection cluster) {
			return cluster.clusterGetNodes()
				.filter((node) -> !node.getFlags().contains(RedisClusterNode.Flag.FAIL)
						&& !node.getFlags().contains(RedisClusterNode.Flag.PFAIL))
				.map((node) -> new Node(cluster.serverCommands(), node));
		}
		return Flux.just(new Single(connection.serverCommands()));
	}

	private record Single(ReactiveServerCommands commands) implements Server {

		@Override
		public Mono<Properties> info(String section) {
			return this.commands.info(section);
		}

		@Override
		public Mono<Properties> getConfig(String pattern) {
			return this.commands.getConfig(pattern);
		}

		@Override
		public Mono<String> bgSave() {
			return this.commands.bgSave();
		}

		@Override
		public Mono<String> bgReWriteAof() {
			return this.commands.bgReWriteAof();
		}

	}

	private record Node(ReactiveClusterServerCommands commands, RedisClusterNode node) implements Server {

		@Override
		public Mono<Properties> info(String section) {
			return this.commands.info(this.node, section);
		}

		@Override
		public Mono<Properties> getConfig(String pattern) {
			return this.commands.getConfig(this.node, pattern);
		}

		@Override
		public Mono<String> bgSave() {
			return this.commands.bgSave(this.node);
		}

		@Override
		public Mono<String> bgReWriteAof() {
			return this.commands.bgReWriteAof(this.node);
		}

	}

}
