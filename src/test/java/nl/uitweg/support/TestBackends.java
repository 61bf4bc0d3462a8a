package nl.uitweg.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import redis.embedded.RedisServer;

import nl.uitweg.platform.FreePorts;

/**
 * The real servers every integration test talks to, started once per JVM on free loopback
 * ports: a redis-server process (embedded-redis) and mongo-java-server over its wire
 * protocol.
 */
public final class TestBackends {

	public static final int ISOLATED_DATABASE = 1;

	private static TestBackends instance;

	private final RedisServer redis;

	private final int redisPort;

	private final MongoServer mongo;

	private final int mongoPort;

	private final RedisClient redisClient;

	private final StatefulRedisConnection<String, String> redisConnection;

	private TestBackends() throws IOException {
		this.redisPort = FreePorts.find();
		this.redis = RedisServer.newRedisServer()
			.port(this.redisPort)
			.bind("127.0.0.1")
			.setting("appendonly no")
			.setting("save \"\"")
			.onShutdownForceStop(true)
			.build();
		this.redis.start();
		this.mongoPort = FreePorts.find();
		this.mongo = new MongoServer(new MemoryBackend());
		this.mongo.bind("127.0.0.1", this.mongoPort);
		this.redisClient = RedisClient.create(redisUrl());
		this.redisConnection = this.redisClient.connect();
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-backends-stop"));
	}

	public static synchronized TestBackends get() {
		if (instance == null) {
			try {
				instance = new TestBackends();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return instance;
	}

	public String redisUrl() {
		return "redis://127.0.0.1:" + this.redisPort;
	}

	public String mongoUri() {
		return "mongodb://127.0.0.1:" + this.mongoPort + "/uitweg";
	}

	public int redisPort() {
		return this.redisPort;
	}

	/** Spring properties that point an application instance at these servers. */
	public Map<String, Object> properties() {
		return Map.of("spring.data.redis.url", redisUrl(), "spring.mongodb.uri", mongoUri());
	}

	/** Synchronous Redis commands for test set-up and assertions. */
	public io.lettuce.core.api.sync.RedisCommands<String, String> redis() {
		return this.redisConnection.sync();
	}

	/**
	 * Commands on a database of its own, for script tests that must not be seen by the
	 * dispatchers of running application instances (which use database 0).
	 */
	public io.lettuce.core.api.sync.RedisCommands<String, String> isolatedRedis() {
		return redis(ISOLATED_DATABASE);
	}

	/** Commands on one database of the test Redis server. */
	public io.lettuce.core.api.sync.RedisCommands<String, String> redis(int database) {
		var commands = this.redisClient.connect().sync();
		commands.select(database);
		return commands;
	}

	/** A reactive template on the isolated database. */
	public org.springframework.data.redis.core.ReactiveStringRedisTemplate isolatedTemplate() {
		var config = new org.springframework.data.redis.connection.RedisStandaloneConfiguration("127.0.0.1",
				this.redisPort);
		config.setDatabase(ISOLATED_DATABASE);
		var factory = new org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory(config);
		factory.afterPropertiesSet();
		factory.start();
		return new org.springframework.data.redis.core.ReactiveStringRedisTemplate(factory);
	}

	/** Removes every live-chat key (staff sessions and accounts stay). */
	public void flushChat() {
		var keys = redis().keys("{uw}:*");
		if (!keys.isEmpty()) {
			redis().del(keys.toArray(String[]::new));
		}
	}

	private final java.util.List<Runnable> beforeStop = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** Runs before the servers stop at JVM exit (application instances close first). */
	public void beforeStop(Runnable action) {
		this.beforeStop.add(action);
	}

	private void stop() {
		this.beforeStop.forEach(Runnable::run);
		this.redisConnection.close();
		this.redisClient.shutdown();
		try {
			this.redis.stop();
		}
		catch (IOException ex) {
			// the JVM is exiting; the force-stop hook of embedded-redis still runs
		}
		this.mongo.shutdownNow();
	}

}
