package nl.uitweg.platform;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Refuses to start outside the {@code dev} and {@code demo} profiles without both backend
 * URLs. The embedded servers (an old redis-server binary, an unauthenticated MongoDB
 * stand-in, with message text on local disk) are for trying the application out; a
 * production instance that silently started them would lose its data with its container
 * and could not share state with other instances.
 * <p>
 * Runs after the config data (so profiles, including profile groups, are active) and
 * before any bean exists, so nothing embedded has started when it refuses.
 */
class ProductionBackendsCheck implements EnvironmentPostProcessor, Ordered {

	static final String REDIS_URL = "spring.data.redis.url";

	/**
	 * A Sentinel-managed Redis instead of a URL (with spring.data.redis.sentinel.nodes).
	 */
	static final String REDIS_SENTINEL_MASTER = "spring.data.redis.sentinel.master";

	/** A Redis Cluster instead of a URL: its seed nodes, {@code host:port,host:port}. */
	static final String REDIS_CLUSTER_NODES = "spring.data.redis.cluster.nodes";

	static final String MONGODB_URI = "spring.mongodb.uri";

	/** The profiles in which the embedded backends may start. */
	static final Profiles EMBEDDED_ALLOWED = Profiles.of("dev", "demo");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.acceptsProfiles(EMBEDDED_ALLOWED)) {
			return;
		}
		List<String> missing = new ArrayList<>();
		if (!StringUtils.hasText(environment.getProperty(REDIS_URL))
				&& !StringUtils.hasText(environment.getProperty(REDIS_SENTINEL_MASTER))
				&& !StringUtils.hasText(environment.getProperty(REDIS_CLUSTER_NODES))) {
			missing.add("REDIS_URL (" + REDIS_URL + ")");
		}
		if (!StringUtils.hasText(environment.getProperty(MONGODB_URI))) {
			missing.add("MONGODB_URI (" + MONGODB_URI + ")");
		}
		if (!missing.isEmpty()) {
			throw new BackendsNotConfigured(missing);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
