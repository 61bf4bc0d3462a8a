package nl.uitweg.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real {@code redis-server} (shipped inside the embedded-redis jar) when no
 * external Redis is configured, so {@code ./mvnw spring-boot:run} needs nothing but a
 * JDK. It persists by default (a restart of a development system keeps its chats);
 * {@link RedisPersistenceScrubber} keeps expired text out of its files.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedRedisConfiguration.NoExternalRedis.class)
@EnableConfigurationProperties(EmbeddedBackendsProperties.class)
class EmbeddedRedisConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisConfiguration.class);

	@Bean(destroyMethod = "stop")
	EmbeddedRedis embeddedRedis(EmbeddedBackendsProperties properties) throws IOException {
		int port = properties.redisPort() > 0 ? properties.redisPort() : FreePorts.find();
		Path dir = properties.dataDirectory().resolve("redis").toAbsolutePath();
		Files.createDirectories(dir);
		RedisServer server = RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("dir " + dir)
			.setting("appendonly " + (properties.redisPersistence() ? "yes" : "no"))
			.setting("save " + (properties.redisPersistence() ? "60 1" : "\"\""))
			// Uncompressed files, so that a search of the data directory for a known text
			// (the retention tests, an operator's spot check) cannot be fooled by LZF.
			.setting("rdbcompression no")
			.setting("protected-mode yes")
			.onShutdownForceStop(true)
			.build();
		server.start();
		log.debug("Embedded redis-server listening on 127.0.0.1:{}", port);
		return new EmbeddedRedis(server, port);
	}

	@Bean
	DataRedisConnectionDetails embeddedRedisConnectionDetails(EmbeddedRedis redis) {
		return new DataRedisConnectionDetails() {
			@Override
			public Standalone getStandalone() {
				return Standalone.of("127.0.0.1", redis.port());
			}
		};
	}

	/** The running embedded server; stopping it ends the child process. */
	record EmbeddedRedis(RedisServer server, int port) {

		void stop() throws IOException {
			this.server.stop();
		}

	}

	static class NoExternalRedis extends BlankPropertyCondition {

		NoExternalRedis() {
			super(ProductionBackendsCheck.REDIS_URL, ProductionBackendsCheck.REDIS_SENTINEL_MASTER,
					ProductionBackendsCheck.REDIS_CLUSTER_NODES);
		}

	}

}
