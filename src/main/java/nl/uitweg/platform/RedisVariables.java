package nl.uitweg.platform;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Copies {@code REDIS_URL} and {@code REDIS_CLUSTER_NODES} (read in application.yml as
 * {@code uitweg.redis.url} and {@code uitweg.redis.cluster-nodes}) to Spring Data's
 * settings, but only when they are set. Written into {@code spring.data.redis.*}
 * directly, an unset variable would leave a blank value behind, which Spring Boot does
 * not take as absent: a blank URL fails every Sentinel and Cluster set-up ("Invalid Redis
 * URL ''"), and blank cluster nodes switch on cluster mode with no nodes. A
 * {@code spring.data.redis.*} value set any other way (a mounted secret, the command
 * line) wins.
 */
class RedisVariables implements EnvironmentPostProcessor, Ordered {

	static final String URL = "uitweg.redis.url";

	static final String CLUSTER_NODES = "uitweg.redis.cluster-nodes";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> copied = new HashMap<>();
		copy(environment, URL, ProductionBackendsCheck.REDIS_URL, copied);
		copy(environment, CLUSTER_NODES, ProductionBackendsCheck.REDIS_CLUSTER_NODES, copied);
		if (!copied.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("uitwegRedisVariables", copied));
		}
	}

	private static void copy(ConfigurableEnvironment environment, String from, String to, Map<String, Object> into) {
		String value = environment.getProperty(from);
		if (StringUtils.hasText(value) && !environment.containsProperty(to)) {
			into.put(to, value);
		}
	}

	@Override
	public int getOrder() {
		// After the config data, before the check that a Redis is configured.
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
