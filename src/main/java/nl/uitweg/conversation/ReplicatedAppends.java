package nl.uitweg.conversation;

import java.util.List;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import reactor.core.publisher.Flux;
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
 * Appends that are acknowledged only once replicas hold them (see
 * {@link ReplicationProperties}). Redis's {@code WAIT} counts the writes of the
 * connection it is sent on, so the script and the wait share a connection of their own:
 * Spring Data's shared connection offers no {@code WAIT}. Opened only when replicas are
 * configured.
 */
@Component
class ReplicatedAppends implements SmartLifecycle {

	private final RedisUris uris;

	private final ReplicationProperties properties;

	private volatile RedisConnections.Own<StatefulConnection<String, String>> connection;

	ReplicatedAppends(DataRedisConnectionDetails details, DataRedisProperties redis, ReplicationProperties properties) {
		this.uris = RedisUris.of(details, redis);
		this.properties = properties;
	}

	boolean enabled() {
		return this.properties.replicas() > 0;
	}

	/**
	 * Runs the script, then waits for the replicas; a shortfall is a transient failure.
	 * Both go to the server holding the script's keys: on a cluster, the primary of their
	 * slot (they share one), since {@code WAIT} names no key a cluster could route by.
	 */
	Mono<List<Object>> run(RedisScript<List<Object>> script, List<String> keys, List<String> args) {
		return RedisConnections.onPrimaryFor(this.connection, keys.get(0),
				(primary) -> run(primary.reactive(), script, keys, args));
	}

	private Mono<List<Object>> run(RedisReactiveCommands<String, String> commands, RedisScript<List<Object>> script,
			List<String> keys, List<String> args) {
		String[] keyArray = keys.toArray(String[]::new);
		String[] argArray = args.toArray(String[]::new);
		Flux<Object> reply = commands.<Object>evalsha(script.getSha1(), ScriptOutputType.MULTI, keyArray, argArray)
			.onErrorResume(RedisNoScriptException.class, (ex) -> commands.<Object>eval(script.getScriptAsString(),
					ScriptOutputType.MULTI, keyArray, argArray));
		int wanted = this.properties.replicas();
		// Lettuce hands a script's list over as one item; Spring Data as its elements.
		return reply.concatMap((item) -> (item instanceof List<?> list) ? Flux.fromIterable(list) : Flux.just(item))
			.collectList()
			.flatMap((result) -> commands.waitForReplication(wanted, this.properties.timeout().toMillis())
				.flatMap((reached) -> (reached >= wanted) ? Mono.just(result)
						: Mono.error(new TransientDataAccessResourceException(
								"Only " + reached + " of " + wanted + " replicas confirmed the write"))));
	}

	@Override
	public void start() {
		if (enabled()) {
			this.connection = RedisConnections.commands(this.uris, StringCodec.UTF8);
		}
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
