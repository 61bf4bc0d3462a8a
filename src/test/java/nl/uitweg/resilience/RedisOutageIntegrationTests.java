package nl.uitweg.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.lettuce.core.RedisClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import redis.embedded.RedisServer;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.PipelinedParty;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.Visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away for a few seconds while both sides of a conversation keep writing: the
 * acknowledgements are late, but every message is stored once, in the order its sender
 * wrote it, and none is refused. Only an outage longer than the server's retry bound
 * refuses a message, with an error that names it.
 */
class RedisOutageIntegrationTests {

	private static final int MESSAGES = 30;

	private static final Duration OUTAGE = Duration.ofSeconds(3);

	/** The server retries a frame for about ten seconds; some slack on top. */
	private static final Duration LONGEST_ACK = Duration.ofSeconds(15);

	@Test
	void aShortRedisOutageDelaysAcknowledgementsButLosesReordersAndRefusesNothing(@TempDir Path data) throws Exception {
		int port = FreePorts.find();
		RedisServer[] redis = { persistentRedis(port, data) };
		redis[0].start();
		Map<String, Object> settings = Map.of("spring.data.redis.url", "redis://127.0.0.1:" + port);
		try (AppInstance one = AppInstance.start("redis-outage-1", settings);
				AppInstance two = AppInstance.start("redis-outage-2", settings)) {
			String conversationId;
			String token;
			try (Chat chat = Chat.open(one, two, "outage-counsellor")) {
				conversationId = chat.conversationId();
				token = chat.visitor().token();
			}
			StaffLogin login = StaffLogin.of(two.port(), "outage-counsellor", "password-outage-counsellor");
			try (PipelinedParty visitor = new PipelinedParty(true, conversationId, token,
					List.of(one.port(), two.port()));
					PipelinedParty counsellor = new PipelinedParty(false, conversationId, login.session(),
							List.of(two.port(), one.port()))) {
				visitor.connect();
				counsellor.connect();
				await().atMost(Duration.ofSeconds(10)).until(() -> visitor.ready() && counsellor.ready());

				// Writing before, during and after the outage, never waiting for 'sent'.
				sendBoth(visitor, counsellor, 0, 10, Duration.ofMillis(20));
				// Redis stalls, then dies with a burst of message frames in flight: the
				// moment a crash hurts most.
				RedisClient staller = stall(port, Duration.ofSeconds(2));
				sendBoth(visitor, counsellor, 10, 20, Duration.ofMillis(10));
				stop(redis[0]);
				staller.shutdown(Duration.ZERO, Duration.ofSeconds(2));
				long stopped = System.nanoTime();
				sendBoth(visitor, counsellor, 20, 25, Duration.ofMillis(200));
				Duration left = OUTAGE.minusNanos(System.nanoTime() - stopped);
				if (!left.isNegative()) {
					InstanceDeathSoakIntegrationTests.pause(left);
				}
				redis[0] = persistentRedis(port, data);
				redis[0].start();
				sendBoth(visitor, counsellor, 25, MESSAGES, Duration.ofMillis(20));

				try {
					await().atMost(LONGEST_ACK.plusSeconds(5)).until(() -> visitor.settled() && counsellor.settled());
				}
				catch (ConditionTimeoutException ex) {
					fail("Not every message was answered with 'sent' or 'error' in time:%n visitor %s%n counsellor %s",
							visitor.state(), counsellor.state());
				}
				System.out.printf(
						"Redis outage of %d ms: max ack delay visitor %d ms, counsellor %d ms;"
								+ " connections visitor %d, counsellor %d%n",
						OUTAGE.toMillis(), visitor.maxAckDelay().toMillis(), counsellor.maxAckDelay().toMillis(),
						visitor.connections(), counsellor.connections());

				assertThat(visitor.errors()).as("error frames to the visitor; %s", visitor.state()).isEmpty();
				assertThat(counsellor.errors()).as("error frames to the counsellor; %s", counsellor.state()).isEmpty();
				assertThat(visitor.unacknowledged()).as("visitor messages without 'sent'").isEmpty();
				assertThat(counsellor.unacknowledged()).as("counsellor messages without 'sent'").isEmpty();
				assertThat(visitor.seqsInSendOrder()).as("visitor seqs in the order sent").hasSize(MESSAGES).isSorted();
				assertThat(visitor.seqsInSendOrder()).doesNotHaveDuplicates();
				assertThat(counsellor.seqsInSendOrder()).as("counsellor seqs in the order sent")
					.hasSize(MESSAGES)
					.isSorted()
					.doesNotHaveDuplicates();
				assertThat(visitor.maxAckDelay()).isLessThanOrEqualTo(LONGEST_ACK);
				assertThat(counsellor.maxAckDelay()).isLessThanOrEqualTo(LONGEST_ACK);

				try {
					await().atMost(Duration.ofSeconds(10))
						.until(() -> visitor.shownTexts().size() >= MESSAGES
								&& counsellor.shownTexts().size() >= MESSAGES);
				}
				catch (ConditionTimeoutException ex) {
					fail("Not every message reached the other side:%n visitor %s%n counsellor %s", visitor.state(),
							counsellor.state());
				}
				assertThat(visitor.problems()).as("visitor").isEmpty();
				assertThat(counsellor.problems()).as("counsellor").isEmpty();
				assertThat(counsellor.shownTexts()).as("the counsellor sees every visitor message once, in order")
					.containsExactlyElementsOf(texts("v"));
				assertThat(visitor.shownTexts()).as("the visitor sees every counsellor message once, in order")
					.containsExactlyElementsOf(texts("c"));
				assertThat(counsellor.shownSeqByText()).as("shown under the seq the sender was given")
					.isEqualTo(visitor.seqByText());
				assertThat(visitor.shownSeqByText()).as("shown under the seq the sender was given")
					.isEqualTo(counsellor.seqByText());
			}
		}
		finally {
			stop(redis[0]);
		}
	}

	/**
	 * Kills the server (SIGKILL), as a crash would; appendfsync always keeps its data.
	 */
	private static void stop(RedisServer redis) {
		try {
			redis.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void aMessageThatCannotBeStoredWithinTheRetryBoundIsRefusedByItsClientMsgId(@TempDir Path data) throws Exception {
		int port = FreePorts.find();
		RedisServer[] redis = { persistentRedis(port, data) };
		start(redis[0]);
		Map<String, Object> settings = Map.of("spring.data.redis.url", "redis://127.0.0.1:" + port);
		try (AppInstance app = AppInstance.start("redis-gone", settings);
				Visitor visitor = Visitor.connect(app.port())) {
			// A visitor may write while waiting in the queue.
			String conversationId = visitor.start();
			stop(redis[0]);
			String id = UUID.randomUUID().toString();
			visitor.ws().send(Map.of("type", "message", "clientMsgId", id, "text", "is daar iemand?"));
			JsonNode error = visitor.ws().expect("error");
			assertThat(error.path("code").asString()).as("code of %s", error)
				.isIn("internal_error", "store_unavailable");
			assertThat(error.path("clientMsgId").asString()).as("clientMsgId of %s", error).isEqualTo(id);
			assertThat(error.path("conversationId").asString()).as("conversationId of %s", error)
				.isEqualTo(conversationId);

			// Redis is back: the same message, resent under its id, is stored once.
			redis[0] = persistentRedis(port, data);
			start(redis[0]);
			visitor.ws().send(Map.of("type", "message", "clientMsgId", id, "text", "is daar iemand?"));
			long seq = visitor.ws()
				.expect("sent", (f) -> f.path("clientMsgId").asString().equals(id))
				.path("seq")
				.asLong();
			visitor.ws().send(Map.of("type", "message", "clientMsgId", id, "text", "is daar iemand?"));
			assertThat(visitor.ws()
				.expect("sent", (f) -> f.path("clientMsgId").asString().equals(id))
				.path("seq")
				.asLong()).isEqualTo(seq);
		}
		finally {
			stop(redis[0]);
		}
	}

	/**
	 * Blocks the server's event loop for a while with a busy script, so frames sent
	 * meanwhile wait unread in its sockets (a server under a long command, or swapping).
	 * Killed in that state, the server resets those connections: the commands in flight
	 * fail instead of being replayed on the next connection.
	 */
	private static RedisClient stall(int port, Duration duration) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
		var connection = client.connect();
		String busy = """
				local from = redis.call('TIME')
				while true do
				  local now = redis.call('TIME')
				  if (now[1] - from[1]) * 1000000 + (now[2] - from[2]) > tonumber(ARGV[1]) then return 1 end
				end""";
		connection.async()
			.eval(busy, io.lettuce.core.ScriptOutputType.INTEGER, new String[0],
					Long.toString(duration.toNanos() / 1000));
		return client;
	}

	/** Messages {@code from} (inclusive) to {@code to} (exclusive) from both sides. */
	private static void sendBoth(PipelinedParty visitor, PipelinedParty counsellor, int from, int to, Duration apart) {
		Flux.range(from, to - from).delayElements(apart).doOnNext((i) -> {
			visitor.send(i);
			counsellor.send(i);
		}).then().block(apart.multipliedBy(to - from).plusSeconds(10));
	}

	private static List<String> texts(String tag) {
		return IntStream.range(0, MESSAGES).mapToObj((i) -> tag + "-" + i).toList();
	}

	private static void start(RedisServer redis) {
		try {
			redis.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static RedisServer persistentRedis(int port, Path data) {
		try {
			return RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("dir " + data)
				.setting("appendonly yes")
				.setting("appendfsync always")
				.onShutdownForceStop(true)
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
