package nl.uitweg.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts mongo-java-server, a Java server speaking the MongoDB wire protocol, with an H2
 * file store, when no external MongoDB is configured.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedMongoConfiguration.NoExternalMongo.class)
@EnableConfigurationProperties(EmbeddedBackendsProperties.class)
class EmbeddedMongoConfiguration {

	@Bean(destroyMethod = "stop")
	EmbeddedMongo embeddedMongo(EmbeddedBackendsProperties properties) throws IOException {
		Path dir = properties.dataDirectory().toAbsolutePath();
		Files.createDirectories(dir);
		H2Backend backend = new H2Backend(dir.resolve("uitweg.mv").toString());
		MongoServer server = new MongoServer(backend);
		int port = properties.mongoPort() > 0 ? properties.mongoPort() : FreePorts.find();
		server.bind("127.0.0.1", port);
		return new EmbeddedMongo(server, backend, port);
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongo mongo) {
		ConnectionString uri = new ConnectionString("mongodb://127.0.0.1:" + mongo.port() + "/uitweg");
		return () -> uri;
	}

	/** The running embedded server; stopping it flushes and closes the H2 store. */
	record EmbeddedMongo(MongoServer server, H2Backend backend, int port) {

		void stop() {
			this.server.shutdown();
		}

	}

	static class NoExternalMongo extends BlankPropertyCondition {

		NoExternalMongo() {
			super("spring.mongodb.uri");
		}

	}

}
