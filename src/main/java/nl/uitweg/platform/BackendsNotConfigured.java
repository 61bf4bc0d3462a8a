package nl.uitweg.platform;

import java.util.List;

/**
 * The application was started for production (no {@code dev} or {@code demo} profile)
 * without the URLs of its Redis and MongoDB.
 */
class BackendsNotConfigured extends IllegalStateException {

	BackendsNotConfigured(List<String> missing) {
		super("Uitweg will not start without " + String.join(" and ", missing)
				+ ". Outside the dev and demo profiles it never starts its embedded Redis and MongoDB stand-in: "
				+ "they keep chat text on local disk, have no authentication and cannot be shared by several "
				+ "instances. Set REDIS_URL (e.g. redis://:password@redis.internal:6379, a Sentinel set-up "
				+ "with SPRING_DATA_REDIS_SENTINEL_MASTER and _NODES, or a Redis Cluster with REDIS_CLUSTER_NODES) and MONGODB_URI "
				+ "(e.g. mongodb://user:password@mongo.internal:27017/uitweg) to the servers this instance should "
				+ "use, or, to try Uitweg out on this machine, start it with the dev profile "
				+ "(./mvnw spring-boot:run does, or SPRING_PROFILES_ACTIVE=dev) or the demo profile.");
	}

}
