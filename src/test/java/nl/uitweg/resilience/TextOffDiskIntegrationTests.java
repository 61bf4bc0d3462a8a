package nl.uitweg.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.platform.RedisPersistenceScrubber;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Message text and the daily address secrets leave Redis's files on disk, not only its
 * memory, soon after they expire: a real redis-server with its append-only file and
 * snapshots on (the embedded one, in a directory of its own), searched byte for byte.
 */
@ExtendWith(OutputCaptureExtension.class)
class TextOffDiskIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void theScheduledScrubTakesExpiredTextAndAddressSecretsOffTheDisk(@TempDir Path data) throws IOException {
		int redisPort = FreePorts.find();
		AppInstance app = AppInstance.embedded("off-disk-loop",
				Map.of("uitweg.embedded.data-directory", data.toString(), "uitweg.embedded.redis-port", redisPort,
						"uitweg.conversation.text-retention", "3s", "uitweg.privacy.rewrite-interval", "2s"));
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
		try (StatefulRedisConnection<String, String> connection = client.connect();
				Chat chat = Chat.open(app, app, "off-disk-loop")) {
			RedisCommands<String, String> redis = connection.sync();
			Path files = data.resolve("redis");
			String text = send(chat);
			// Live text is on disk, even through the scheduled rewrites: the search
			// works.
			await().atMost(WAIT).until(() -> onDisk(files, text));
			List<String> secrets = secrets(redis);
			await().atMost(WAIT).until(() -> secrets.stream().allMatch((secret) -> onDisk(files, secret)));

			end(chat);
			expireSecrets(redis);
			await().atMost(WAIT)
				.until(() -> redis.keys("{uw}:conv:" + chat.conversationId() + "*").isEmpty()
						&& redis.keys("{uw}:addrkey:*").isEmpty());
			await().atMost(WAIT)
				.until(() -> settled(redis) && !onDisk(files, text)
						&& secrets.stream().noneMatch((secret) -> onDisk(files, secret)));
			assertThat(onDisk(files, text)).isFalse();
			assertThat(secrets).allSatisfy((secret) -> assertThat(onDisk(files, secret)).isFalse());
		}
		finally {
			client.shutdown();
			app.close();
		}
	}

	@Test
	void expiredTextStaysOnDiskUntilAScrubRuns(@TempDir Path data) throws IOException {
		int redisPort = FreePorts.find();
		AppInstance app = AppInstance.embedded("off-disk-manual",
				Map.of("uitweg.embedded.data-directory", data.toString(), "uitweg.embedded.redis-port", redisPort,
						"uitweg.conversation.text-retention", "2s", "uitweg.privacy.rewrite-interval", "45m"));
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
		try (StatefulRedisConnection<String, String> connection = client.connect();
				Chat chat = Chat.open(app, app, "off-disk-manual")) {
			RedisCommands<String, String> redis = connection.sync();
			Path files = data.resolve("redis");
			String text = send(chat);
			List<String> secrets = secrets(redis);
			end(chat);
			expireSecrets(redis);
			await().atMost(WAIT)
				.until(() -> redis.keys("{uw}:conv:" + chat.conversationId() + "*").isEmpty()
						&& redis.keys("{uw}:addrkey:*").isEmpty());
			// Gone from memory, not from the disk: this is what the scrub is for.
			assertThat(onDisk(files, text)).isTrue();
			assertThat(secrets).allSatisfy((secret) -> assertThat(onDisk(files, secret)).isTrue());

			RedisPersistenceScrubber.Outcome outcome = app.bean(RedisPersistenceScrubber.class)
				.scrub()
				.block(Duration.ofSeconds(10));
			assertThat(outcome).isNotNull();
			assertThat(outcome.rewrite()).isTrue();
			assertThat(outcome.snapshot()).as("the embedded Redis takes snapshots (save 60 1)").isTrue();
			await().atMost(WAIT).until(() -> settled(redis) && !onDisk(files, text));
			assertThat(secrets).allSatisfy((secret) -> assertThat(onDisk(files, secret)).isFalse());
		}
		finally {
			client.shutdown();
			app.close();
		}
	}

	@Test
	void aRedisThatRefusesTheCommandsIsWarnedAboutOnceAndTheAppGoesOn(@TempDir Path data, CapturedOutput output)
			throws IOException {
		int redisPort = FreePorts.find();
		RedisServer managed = RedisServer.newRedisServer()
			.port(redisPort)
			.bind("127.0.0.1")
			.setting("dir " + data.toAbsolutePath())
			.setting("appendonly yes")
			// What a managed Redis without CONFIG needs for the staff sessions' index.
			.setting("notify-keyspace-events Egx")
			.setting("rename-command CONFIG \"\"")
			.setting("rename-command BGSAVE \"\"")
			.setting("rename-command BGREWRITEAOF \"\"")
			.onShutdownForceStop(true)
			.build();
		managed.start();
		AppInstance app = null;
		try {
			app = AppInstance.embedded("off-disk-refused",
					Map.of("spring.data.redis.url", "redis://127.0.0.1:" + redisPort, "spring.mongodb.uri",
							TestBackends.get().mongoUri(), "uitweg.privacy.rewrite-interval", "45m",
							"spring.session.data.redis.configure-action", "none"));
			RedisPersistenceScrubber scrubber = app.bean(RedisPersistenceScrubber.class);
			for (int i = 0; i < 2; i++) {
				RedisPersistenceScrubber.Outcome outcome = scrubber.scrub().block(Duration.ofSeconds(10));
				assertThat(outcome).isNotNull();
				assertThat(outcome.snapshot()).isFalse();
				assertThat(outcome.rewrite()).isFalse();
			}
			assertThat(occurrences(output.getOut(), "Redis refused BGREWRITEAOF")).isEqualTo(1);
			assertThat(occurrences(output.getOut(), "Redis refused BGSAVE")).isEqualTo(1);
			assertThat(occurrences(output.getOut(), "Redis refused CONFIG")).isEqualTo(1);
			assertThat(output.getOut()).as("Redis's own reply is named").contains("unknown command");
		}
		finally {
			if (app != null) {
				app.close();
			}
			managed.stop();
		}
	}

	private static int occurrences(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

	private static String send(Chat chat) {
		String text = "nooit-op-schijf-" + UUID.randomUUID().toString().substring(0, 8);
		chat.visitor().ws().send(Map.of("type", "message", "clientMsgId", UUID.randomUUID().toString(), "text", text));
		chat.counsellor().expect("message");
		return text;
	}

	private static void end(Chat chat) {
		chat.counsellor().send(Map.of("type", "end", "conversationId", chat.conversationId()));
		chat.visitor().ws().expect("ended");
	}

	/** The day secrets the visitor's hello created (today's and yesterday's). */
	private static List<String> secrets(RedisCommands<String, String> redis) {
		List<String> keys = redis.keys("{uw}:addrkey:*");
		assertThat(keys).isNotEmpty();
		return keys.stream().map(redis::get).toList();
	}

	/** Stands in for the end of the secrets' 49 hours: the same expiry, sooner. */
	private static void expireSecrets(RedisCommands<String, String> redis) {
		redis.keys("{uw}:addrkey:*").forEach((key) -> redis.pexpire(key, 1));
	}

	/** No snapshot or rewrite under way, so the files are the ones Redis keeps. */
	private static boolean settled(RedisCommands<String, String> redis) {
		String info = redis.info("persistence");
		return info.contains("rdb_bgsave_in_progress:0") && info.contains("aof_rewrite_in_progress:0")
				&& info.contains("aof_rewrite_scheduled:0");
	}

	/** Whether any file under the directory holds these bytes (binary-safe). */
	static boolean onDisk(Path directory, String text) {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> walk = Files.walk(directory)) {
			return walk.filter(Files::isRegularFile).anyMatch((file) -> contains(read(file), needle));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			// Replaced by a rewrite between listing and reading: the new file is listed
			// next
			// time round.
			return new byte[0];
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
