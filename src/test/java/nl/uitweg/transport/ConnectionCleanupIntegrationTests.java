package nl.uitweg.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import nl.uitweg.platform.RedisChannels;
import nl.uitweg.platform.RedisKeys;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When a socket closes, everything its connection subscribed to goes with it: after
 * visitors (idle, queued, active) and counsellor consoles (following several
 * conversations) have gone, the instance holds exactly the Redis channel subscriptions it
 * held before they came, and Redis itself counts no subscriber on their channels.
 */
class ConnectionCleanupIntegrationTests {

	private static final int DATABASE = 7;

	private static final String COUNSELLOR = "cleanup-counsellor";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void closedVisitorAndCounsellorSocketsLeaveNoRedisSubscriptionBehind() {
		RedisCommands<String, String> redis = TestBackends.get().redis(DATABASE);
		redis.flushdb();
		try (AppInstance app = AppInstance.start("connection-cleanup",
				Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/" + DATABASE))) {
			RedisChannels channels = app.bean(RedisChannels.class);
			int before = channels.subscribedChannels();
			app.ensureCounsellor(COUNSELLOR, "password-" + COUNSELLOR, 3);
			StaffLogin login = StaffLogin.of(app.port(), COUNSELLOR, "password-" + COUNSELLOR);

			List<Visitor> visitors = new ArrayList<>();
			List<String> conversations = new ArrayList<>();
			WsClient console = WsClient.counsellor(app.port(), login);
			console.expect("welcome");
			console.send(Map.of("type", "availability", "status", "available"));
			console.expect("availability");
			for (int i = 0; i < 3; i++) {
				Visitor visitor = Visitor.connect(app.port());
				String cid = visitor.start();
				console.expect("offer", (f) -> f.path("conversationId").asString().equals(cid));
				console.send(Map.of("type", "accept", "conversationId", cid));
				console.expect("assigned", (f) -> f.path("conversationId").asString().equals(cid));
				visitor.ws().expect("assigned");
				visitors.add(visitor);
				conversations.add(cid);
			}
			// At capacity: the next one waits in the queue.
			Visitor queued = Visitor.connect(app.port());
			String queuedId = queued.start();
			visitors.add(queued);
			conversations.add(queuedId);
			Visitor idle = Visitor.connect(app.port());
			visitors.add(idle);

			// A second console resumes every conversation; a third says nothing and is
			// replayed after the resume fallback.
			WsClient resumed = WsClient.counsellor(app.port(), login);
			resumed.expect("welcome");
			resumed.send(Map.of("type", "resume", "conversations",
					conversations.subList(0, 3)
						.stream()
						.map((cid) -> Map.of("conversationId", cid, "lastSeq", 0))
						.toList()));
			WsClient silent = WsClient.counsellor(app.port(), login);
			silent.expect("welcome");
			for (String cid : conversations.subList(0, 3)) {
				resumed.expect("event", (f) -> f.path("conversationId").asString().equals(cid));
				silent.expect("event", (f) -> f.path("conversationId").asString().equals(cid));
			}

			List<String> named = new ArrayList<>(conversations.stream().map(RedisKeys::conversationChannel).toList());
			named.add(RedisKeys.counsellorChannel(COUNSELLOR));
			assertThat(channels.subscribedChannels()).as("while connected")
				.isGreaterThanOrEqualTo(before + named.size());
			assertThat(subscribers(named)).as("Redis subscribers while connected")
				.hasSize(named.size())
				.allMatch((n) -> n == 1L);

			// Visitors who come back and vanish before their hello is answered.
			for (String cid : conversations.subList(0, 3)) {
				helloAndVanish(app.port(), visitors.get(conversations.indexOf(cid)).token());
			}
			visitors.get(0).close();
			visitors.get(1).ws().drop();
			visitors.get(2).close();
			queued.ws().drop();
			idle.close();
			console.close();
			resumed.drop();
			silent.close();

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(channels.subscribedChannels()).as("channels of the instance")
					.isEqualTo(before));
			assertThat(subscribers(named)).as("Redis subscribers after every socket closed")
				.hasSize(named.size())
				.allMatch((n) -> n == 0L);
		}
	}

	private static List<Long> subscribers(List<String> channelNames) {
		return TestBackends.get()
			.redis()
			.pubsubNumsub(channelNames.toArray(String[]::new))
			.entrySet()
			.stream()
			.filter((entry) -> channelNames.contains(entry.getKey()))
			.map(Map.Entry::getValue)
			.toList();
	}

	/** Says hello on a new socket and drops it at once, without waiting for anything. */
	private static void helloAndVanish(int port, String token) {
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/visitor"), new WebSocket.Listener() {
			})
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		socket.sendText(JSON.writeValueAsString(Map.of("type", "hello", "token", token, "lastSeq", 0)), true)
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		socket.abort();
	}

}
