package nl.uitweg.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.bson.Document;
import reactor.core.publisher.Flux;

/**
 * What must never be kept (the needles) and the places to look for them: every key and
 * value in Redis, every document in MongoDB, the files in a directory, a log. Bytes are
 * read as ISO-8859-1 so that every needle, which is ASCII, is found wherever its bytes
 * are, whatever encoding surrounds them (JSON, Java serialisation, the AOF).
 */
final class PrivacyScan {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Needle name → pattern. */
	private final Map<String, Pattern> needles = new LinkedHashMap<>();

	/** One needle found in one place. */
	record Finding(String needle, String where, String context) {

		@Override
		public String toString() {
			return this.needle + " in " + this.where + ": …" + this.context + "…";
		}

	}

	/** A needle found verbatim. */
	PrivacyScan literal(String name, String value) {
		this.needles.put(name + " '" + value + "'", Pattern.compile(Pattern.quote(value)));
		return this;
	}

	/**
	 * An IPv4 address in dotted form, not as part of a longer number (127.0.0.4 is not
	 * found in 127.0.0.41).
	 */
	PrivacyScan address(String name, String dotted) {
		this.needles.put(name + " '" + dotted + "'",
				Pattern.compile("(?<![0-9.])" + Pattern.quote(dotted) + "(?![0-9])"));
		return this;
	}

	/** Every needle found in this text, with a little of what surrounds it. */
	List<Finding> scan(String where, String text) {
		List<Finding> findings = new ArrayList<>();
		this.needles.forEach((name, pattern) -> {
			var matcher = pattern.matcher(text);
			if (matcher.find()) {
				int from = Math.max(0, matcher.start() - 40);
				int to = Math.min(text.length(), matcher.end() + 40);
				findings.add(new Finding(name, where, text.substring(from, to).replaceAll("[^\\x20-\\x7e]", "·")));
			}
		});
		return findings;
	}

	// ---- Redis ------------------------------------------------------------------------

	/** What a scan of Redis saw, so a test can show it was not empty. */
	record Seen(int places, List<Finding> findings) {
	}

	/**
	 * Every key of every database, with its value read by type (SCAN, TYPE, then GET,
	 * HGETALL, LRANGE, SMEMBERS, ZRANGE, XRANGE).
	 */
	Seen redis(String url) {
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			RedisCommands<byte[], byte[]> redis = connection.sync();
			int keys = 0;
			List<Finding> findings = new ArrayList<>();
			for (int db = 0; db < 16; db++) {
				redis.select(db);
				ScanCursor cursor = ScanCursor.INITIAL;
				do {
					KeyScanCursor<byte[]> page = redis.scan(cursor, ScanArgs.Builder.limit(500));
					for (byte[] key : page.getKeys()) {
						keys++;
						String name = latin1(key);
						findings.addAll(scan("Redis db " + db + " key name " + name, name));
						findings.addAll(scan("Redis db " + db + " value of " + name, value(redis, key)));
					}
					cursor = page;
				}
				while (!cursor.isFinished());
			}
			return new Seen(keys, findings);
		}
		finally {
			client.shutdown();
		}
	}

	private static String value(RedisCommands<byte[], byte[]> redis, byte[] key) {
		String type = redis.type(key);
		StringBuilder text = new StringBuilder();
		switch (type) {
			case "string" -> append(text, redis.get(key));
			case "hash" -> redis.hgetall(key).forEach((field, value) -> {
				append(text, field);
				text.append('=');
				append(text, value);
				text.append('\n');
			});
			case "list" -> redis.lrange(key, 0, -1).forEach((item) -> append(text, item).append('\n'));
			case "set" -> redis.smembers(key).forEach((item) -> append(text, item).append('\n'));
			case "zset" -> {
				for (ScoredValue<byte[]> item : redis.zrangeWithScores(key, 0, -1)) {
					append(text, item.getValue()).append(' ').append(item.getScore()).append('\n');
				}
			}
			case "stream" -> {
				for (StreamMessage<byte[], byte[]> message : redis.xrange(key, Range.create("-", "+"))) {
					message.getBody().forEach((field, value) -> {
						append(text, field).append('=');
						append(text, value).append('\n');
					});
				}
			}
			case "none" -> {
				// expired between SCAN and TYPE
			}
			default -> throw new AssertionError("A Redis type this scan cannot read: " + type + " at " + latin1(key));
		}
		return text.toString();
	}

	private static StringBuilder append(StringBuilder text, byte[] bytes) {
		return (bytes != null) ? text.append(latin1(bytes)) : text;
	}

	// ---- MongoDB ----------------------------------------------------------------------

	/** Every document of every collection of every database, as JSON. */
	Seen mongo(String uri) {
		try (MongoClient client = MongoClients.create(uri)) {
			int documents = 0;
			List<Finding> findings = new ArrayList<>();
			List<String> databases = Flux.from(client.listDatabaseNames()).collectList().block(WAIT);
			for (String database : databases) {
				var db = client.getDatabase(database);
				for (String collection : Flux.from(db.listCollectionNames()).collectList().block(WAIT)) {
					List<Document> all = Flux.from(db.getCollection(collection).find()).collectList().block(WAIT);
					for (Document document : all) {
						documents++;
						findings.addAll(scan("MongoDB " + database + "." + collection, document.toJson()));
					}
				}
			}
			return new Seen(documents, findings);
		}
	}

	// ---- files and logs ---------------------------------------------------------------

	/** Every regular file under a directory, byte for byte. */
	Seen files(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			int files = 0;
			List<Finding> findings = new ArrayList<>();
			for (Path path : paths.filter(Files::isRegularFile).toList()) {
				byte[] bytes;
				try {
					bytes = Files.readAllBytes(path);
				}
				catch (java.nio.file.NoSuchFileException ex) {
					// a temporary file of a rewrite or snapshot, gone meanwhile
					continue;
				}
				files++;
				findings.addAll(scan("file " + directory.relativize(path), latin1(bytes)));
			}
			return new Seen(files, findings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String latin1(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

}
