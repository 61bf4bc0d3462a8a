package nl.uitweg.conversation;

import java.util.List;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import reactor.core.publisher.Mono;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import nl.uitweg.platform.RedisConnections;
import nl.uitweg.platform.RedisUris;

/**
 * Runs {@code append.lua}, the one command every message costs, on a Lettuce connection
 * of its own through the asynchronous API with plain strings: no serialiser chain, no
 * reactive publisher per command (both showed in the profile of a message, see
 * docs/performance.md). With replicas configured (see {@link ReplicationProperties}) a
 * message is acknowledged only once that many replicas hold it: Redis's {@code WAIT}
 * counts the writes of the connection it is sent on, which is why the append has a
 * connection of its own (Spring Data's shared one offers no {@code WAIT}).
 */
@Component
class Appends implements SmartLifecycle {

	private final RedisUris uris;

	private final ReplicationProperties properties;

	private volatile RedisConnections.Own<StatefulConnection<String, String>> connection;

	Appends(DataRedisConnectionDetails details, DataRedisProperties redis, ReplicationProperties properties) {
		this.uris = RedisUris.of(details, redis);
		this.properties = properties;
	}

	/**
	 * Runs the script, then (with replicas) waits for them; a shortfall is a transient
	 * failure. Both go to the server holding the script's keys: on a cluster, the primary
	 * of their slot (they share one), since {@code WAIT} names no key a cluster could
	 * route by. The reply is the script's list, its elements strings or numbers.
	 */
	Mono<List<Object>> run(RedisScript<List<Object>> script, List<String> keys, List<String> args) {
		return RedisConnections.onPrimaryFor(this.connection, keys.get(0),
				(primary) -> run(primary.async(), script, keys.toArray(String[]::new), args.toArray(String[]::new)));
	}

	private Mono<List<Object>> run(RedisAsyncCommands<String, String> commands, RedisScript<List<Object>> script,
			String[] keys, String[] args) {
		Mono<List<Object>> reply = Mono
			.fromCompletionStage(
					() -> commands.<List<Object>>evalsha(script.getSha1(), ScriptOutputType.MULTI, keys, args))
			.onErrorResume(RedisNoScriptException.class, (ex) -> Mono.fromCompletionStage(
					() -> commands.<List<Object>>eval(script.getScriptAsString(), ScriptOutputType.MULTI, keys, args)));
		int wanted = this.properties.replicas();
		if (wanted <= 0) {
			return reply;
		}
		return reply.flatMap((result) -> Mono
			.fromCompletionStage(() -> commands.waitForReplication(wanted, this.properties.timeout().toMillis()))
			.flatMap((reached) -> (reached >= wanted) ? Mono.just(result)
					: Mono.error(new TransientDataAccessResourceException(
							"Only " + reached + " of " + wanted + " replicas confirmed the write"))));
	}

	@Override
	public void start() {
		this.connection = RedisConnections.commands(this.uris, StringCodec.UTF8);
	}

	@Override
	public void stop() {
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.connection != null;
	}

	@Override
	public int getPhase() {
		// With the other connections of its own: before everything that appends.
		return Integer.MIN_VALUE + 1000;
	}

}
