package nl.uitweg.platform;

import com.mongodb.ConnectionString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs one line at start-up naming the Redis and MongoDB backends in use and their ports.
 */
@Component
class BackendsBanner {

	private static final Logger log = LoggerFactory.getLogger(BackendsBanner.class);

	private final ObjectProvider<EmbeddedRedisConfiguration.EmbeddedRedis> embeddedRedis;

	private final ObjectProvider<EmbeddedMongoConfiguration.EmbeddedMongo> embeddedMongo;

	private final DataRedisConnectionDetails redis;

	private final MongoConnectionDetails mongo;

	BackendsBanner(ObjectProvider<EmbeddedRedisConfiguration.EmbeddedRedis> embeddedRedis,
			ObjectProvider<EmbeddedMongoConfiguration.EmbeddedMongo> embeddedMongo, DataRedisConnectionDetails redis,
			MongoConnectionDetails mongo) {
		this.embeddedRedis = embeddedRedis;
		this.embeddedMongo = embeddedMongo;
		this.redis = redis;
		this.mongo = mongo;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		log.info("Backends: {}; {}", describeRedis(), describeMongo());
	}

	String describeRedis() {
		var embedded = this.embeddedRedis.getIfAvailable();
		if (embedded != null) {
			return "Redis embedded redis-server on 127.0.0.1:" + embedded.port();
		}
		if (this.redis.getSentinel() != null) {
			return "Redis external behind Sentinel (master " + this.redis.getSentinel().getMaster() + ")";
		}
		if (this.redis.getCluster() != null) {
			return "Redis Cluster external, seed nodes " + this.redis.getCluster().getNodes().size();
		}
		var standalone = this.redis.getStandalone();
		if (standalone != null) {
			return "Redis external on " + standalone.getHost() + ":" + standalone.getPort();
		}
		return "Redis external (sentinel or cluster)";
	}

	String describeMongo() {
		var embedded = this.embeddedMongo.getIfAvailable();
		if (embedded != null) {
			return "MongoDB embedded mongo-java-server on 127.0.0.1:" + embedded.port() + " (H2 file store)";
		}
		ConnectionString uri = this.mongo.getConnectionString();
		return "MongoDB external on " + String.join(",", uri.getHosts());
	}

}
