package nl.uitweg.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings for the embedded Redis and MongoDB-compatible servers used when no external
 * servers are configured.
 *
 * @param dataDirectory where the H2 store and the Redis append-only file live
 * @param redisPort fixed port for the embedded Redis, or 0 for a free one
 * @param mongoPort fixed port for the embedded MongoDB-compatible server, or 0 for a free
 * one
 * @param redisPersistence whether the embedded Redis keeps an append-only file
 */
@ConfigurationProperties("uitweg.embedded")
public record EmbeddedBackendsProperties(@DefaultValue("./data") Path dataDirectory, @DefaultValue("0") int redisPort,
		@DefaultValue("0") int mongoPort, @DefaultValue("true") boolean redisPersistence) {
}
