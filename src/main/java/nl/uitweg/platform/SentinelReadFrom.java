package nl.uitweg.platform;

import io.lettuce.core.ReadFrom;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Behind a sentinel, Spring Data's connections too follow the primary through a failover:
 * with a read-from setting Spring Data opens Lettuce's master/replica connection, which
 * listens to the sentinel, instead of one that reconnects to the old primary's address.
 * Everything is read from the primary, so a message just written is always seen.
 */
@Configuration(proxyBeanMethods = false)
class SentinelReadFrom {

	@Bean
	LettuceClientConfigurationBuilderCustomizer upstreamBehindSentinel(DataRedisConnectionDetails details) {
		return (builder) -> {
			if (details.getSentinel() != null) {
				builder.readFrom(ReadFrom.UPSTREAM);
			}
		};
	}

}
