package nl.uitweg.platform;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Reads {@code REDIS_CLUSTER_NODES} into {@code spring.data.redis.cluster.nodes}, only
 * when it is set: written as {@code ${REDIS_CLUSTER_NODES:}} in application.yml, a blank
 * value would still switch Spring Data to cluster mode, with no nodes.
 */
class RedisClusterNodesVariable implements EnvironmentPostProcessor, Ordered {

	static final String VARIABLE = "REDIS_CLUSTER_NODES";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String nodes = environment.getProperty(VARIABLE);
		if (StringUtils.hasText(nodes) && !environment.containsProperty(ProductionBackendsCheck.REDIS_CLUSTER_NODES)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(VARIABLE, Map.of(ProductionBackendsCheck.REDIS_CLUSTER_NODES, nodes)));
		}
	}

	@Override
	public int getOrder() {
		// After the config data, before the check that a Redis is configured.
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
