package nl.uitweg.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import nl.uitweg.conversation.AppendResult;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.conversation.Intake;
import nl.uitweg.conversation.Party;
import nl.uitweg.queue.EnqueueResult;
import nl.uitweg.queue.QueueManagement;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;
import nl.uitweg.visitor.VisitorSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every limit on the anonymous side and on chat volume, against a real instance with
 * small limits, on a Redis database of its own (its queue, buckets and address secret are
 * seen by no other test). Each limit is answered by name; nothing over a limit is stored.
 * A bucket is emptied by deleting it, which stands in for waiting out its period.
 */
class LimitsIntegrationTests {

	private static final int DATABASE = 4;

	private static final RedisCommands<String, String> redis = TestBackends.get().redis(DATABASE);

	private static AppInstance app;

	@BeforeAll
	static void startInstance() {
		redis.flushdb();
		Map<String, Object> settings = new java.util.HashMap<>();
		settings.put("spring.data.redis.url", TestBackends.get().redisUrl() + "/" + DATABASE);
		settings.put("uitweg.visitor.limits.sessions-per-address", 3);
		settings.put("uitweg.conversation.limits.visitor-messages", 5);
		settings.put("uitweg.conversation.limits.visitor-messages-period", "1h");
		settings.put("uitweg.conversation.limits.counsellor-messages", 4);
		settings.put("uitweg.conversation.limits.counsellor-messages-period", "1h");
		settings.put("uitweg.conversation.limits.max-messages-per-side", 8);
		settings.put("uitweg.conversation.limits.typing-interval", "2s");
		settings.put("uitweg.conversation.limits.typing-burst", 3);
		settings.put("uitweg.queue.limits.max-length", 2);
		settings.put("uitweg.queue.limits.acute-reserve", 1);
		settings.put("uitweg.queue.limits.acute-starts", 1);
		settings.put("uitweg.queue.limits.full-retry-after", "2m");
		app = AppInstance.start("limits", settings);
	}

	@AfterAll
	static void stopInstance() {
		app.close();
		redis.flushdb();
	}

	@BeforeEach
	void emptyDatabase() {
		redis.flushdb();
	}

	@Test
	void aScriptCreatingSessionsFromOneAddressIsRefusedWith429AndRetryAfter() {
		WebClient local = client("127.0.0.1");
		for (int i = 0; i < 3; i++) {
			assertThat(createSession(local).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		}
		ResponseEntity<JsonNode> refused = createSession(local);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getBody().path("code").asString()).isEqualTo("rate_limited");
		long retryAfter = Long.parseLong(refused.getHeaders().getFirst("Retry-After"));
		// 3 per hour: one session comes back every 20 minutes.
		assertThat(retryAfter).isBetween(1L, 1200L);
		assertThat(refused.getBody().path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
		// Another address has a bucket of its own.
		assertThat(createSession(client("127.0.0.2")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		// Counted under the keyed hash only, never the address itself.
		assertThat(redis.keys("{uw}:rl:visitor-sessions:*")).hasSize(2)
			.allSatisfy((key) -> assertThat(key).doesNotContain("127.0.0")
				.matches("\\{uw\\}:rl:visitor-sessions:\\d{4}-\\d{2}-\\d{2}:[0-9a-f]{64}"));
	}

	@Test
	void aSecondStartIsRefusedByNameAndTheOpenConversationStands() {
		try (Visitor visitor = Visitor.connect(app.port());
				Visitor secondTab = Visitor.reconnect(app.port(), visitor.token(), 0)) {
			String conversationId = visitor.start();
			visitor.ws().send(Map.of("type", "start"));
			JsonNode refused = visitor.ws().expect("error");
			assertThat(refused.path("code").asString()).isEqualTo("conversation_open");
			assertThat(refused.path("conversationId").asString()).isEqualTo(conversationId);
			JsonNode welcome = visitor.ws().expect("welcome");
			assertThat(welcome.path("state").asString()).isEqualTo("queued");
			assertThat(welcome.path("conversationId").asString()).isEqualTo(conversationId);

			secondTab.ws().send(Map.of("type", "start", "intake", Map.of("acuteDanger", true)));
			assertThat(secondTab.ws().expect("error").path("conversationId").asString()).isEqualTo(conversationId);
			assertThat(secondTab.ws().expect("welcome").path("conversationId").asString()).isEqualTo(conversationId);
			assertThat(redis.zrange("{uw}:queue", 0, -1)).containsExactly(conversationId);
			assertThat(redis.hget("{uw}:conv:" + conversationId, "band")).as("the first start's order stands")
				.isEqualTo("1");
		}
	}

	@Test
	void aWaitingVisitorOverTheMessageRateIsRefusedUnstoredAndTheSameIdIsStoredOnceLater() {
		try (Visitor visitor = newVisitor()) {
			String conversationId = visitor.start();
			for (int i = 1; i <= 5; i++) {
				assertThat(send(visitor.ws(), null, UUID.randomUUID().toString()).path("seq").asLong()).isEqualTo(i);
			}
			String refusedId = UUID.randomUUID().toString();
			JsonNode refused = send(visitor.ws(), null, refusedId);
			assertThat(refused.path("type").asString()).isEqualTo("error");
			assertThat(refused.path("code").asString()).isEqualTo("rate_limited");
			assertThat(refused.path("clientMsgId").asString()).isEqualTo(refusedId);
			assertThat(refused.path("conversationId").asString()).isEqualTo(conversationId);
			// 5 per hour: one message comes back every 12 minutes.
			assertThat(refused.path("retryAfterSeconds").asLong()).isBetween(1L, 720L);
			assertThat(redis.llen("{uw}:conv:" + conversationId + ":log")).as("nothing stored").isEqualTo(5);

			forgetBuckets("msg:visitor");
			assertThat(send(visitor.ws(), null, refusedId).path("seq").asLong()).isEqualTo(6);
			assertThat(send(visitor.ws(), null, refusedId).path("seq").asLong()).as("the same id, the same seq")
				.isEqualTo(6);
			assertThat(redis.llen("{uw}:conv:" + conversationId + ":log")).isEqualTo(6);
		}
	}

	@Test
	void aCounsellorOverTheMessageRateIsRefusedByConversationAndClientMsgId() {
		try (Chat chat = openChat("limits-rate")) {
			String cid = chat.conversationId();
			for (int i = 0; i < 4; i++) {
				assertThat(send(chat.counsellor(), cid, UUID.randomUUID().toString()).path("type").asString())
					.isEqualTo("sent");
			}
			String refusedId = UUID.randomUUID().toString();
			JsonNode refused = send(chat.counsellor(), cid, refusedId);
			assertThat(refused.path("code").asString()).isEqualTo("rate_limited");
			assertThat(refused.path("conversationId").asString()).isEqualTo(cid);
			assertThat(refused.path("clientMsgId").asString()).isEqualTo(refusedId);
			assertThat(refused.path("retryAfterSeconds").asLong()).isPositive();
			// The visitor's side has a bucket of its own.
			assertThat(send(chat.visitor().ws(), null, UUID.randomUUID().toString()).path("type").asString())
				.isEqualTo("sent");
		}
	}

	@Test
	void concurrentMessagesNeverTakeMoreThanTheRateAllowsAndTheRefusedTakeNoToken() {
		String cid = UUID.randomUUID().toString();
		String sid = UUID.randomUUID().toString();
		redis.hset("{uw}:conv:" + cid, Map.of("state", "queued", "sid", sid, "seq", "0"));
		Conversations conversations = app.bean(Conversations.class);
		List<AppendResult> results = Flux.range(0, 20)
			.flatMap((i) -> conversations.append(cid, Party.VISITOR, sid, "c" + i, "hallo"), 20)
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(results).filteredOn(AppendResult.Accepted.class::isInstance).hasSize(5);
		assertThat(results).filteredOn(AppendResult.RateLimited.class::isInstance)
			.hasSize(15)
			.allSatisfy((r) -> assertThat(((AppendResult.RateLimited) r).retryAfterSeconds()).isBetween(1L, 720L));
		assertThat(redis.llen("{uw}:conv:" + cid + ":log")).isEqualTo(5);
		assertThat(redis.hget("{uw}:conv:" + cid, "msgs:visitor")).as("refused messages are not counted")
			.isEqualTo("5");
	}

	@Test
	void eachSideOfAConversationHoldsAtMostItsCapAndTheSystemCanStillEndIt() {
		try (Chat chat = openChat("limits-full")) {
			String cid = chat.conversationId();
			for (int i = 0; i < 8; i++) {
				if (i == 5) {
					forgetBuckets("msg:visitor");
				}
				assertThat(send(chat.visitor().ws(), null, UUID.randomUUID().toString()).path("type").asString())
					.isEqualTo("sent");
			}
			String refusedId = UUID.randomUUID().toString();
			JsonNode refused = send(chat.visitor().ws(), null, refusedId);
			assertThat(refused.path("code").asString()).isEqualTo("conversation_full");
			assertThat(refused.path("clientMsgId").asString()).isEqualTo(refusedId);
			assertThat(refused.path("conversationId").asString()).isEqualTo(cid);
			// A visitor who filled their side leaves the counsellor room to answer.
			assertThat(send(chat.counsellor(), cid, UUID.randomUUID().toString()).path("type").asString())
				.isEqualTo("sent");
			chat.counsellor().send(Map.of("type", "end", "conversationId", cid));
			assertThat(chat.visitor().ws().expect("ended").path("reason").asString()).isEqualTo("counsellor_ended");
			// assigned, 8 visitor messages, 1 counsellor message, ended
			assertThat(redis.llen("{uw}:conv:" + cid + ":log")).isEqualTo(11);
		}
	}

	@Test
	void typingIsCoalescedSoTheLatestStateArrivesAndAFloodIsToldOncePerInterval() {
		try (Chat chat = openChat("limits-typing")) {
			for (boolean active : new boolean[] { true, false, true, false, true }) {
				chat.visitor().ws().send(Map.of("type", "typing", "active", active));
			}
			assertThat(chat.counsellor().expect("typing").path("active").asBoolean()).as("the first at once").isTrue();
			JsonNode told = chat.visitor().ws().expect("error");
			assertThat(told.path("code").asString()).isEqualTo("rate_limited");
			assertThat(told.path("conversationId").asString()).isEqualTo(chat.conversationId());
			assertThat(told.path("retryAfterSeconds").asLong()).isEqualTo(2);
			assertThat(chat.counsellor().expect("typing").path("active").asBoolean()).as("the latest at the end")
				.isTrue();
			// A stop is never lost, however soon it follows.
			chat.visitor().ws().send(Map.of("type", "typing", "active", false));
			assertThat(chat.counsellor().expect("typing").path("active").asBoolean()).isFalse();
			long errors = chat.visitor()
				.ws()
				.all()
				.stream()
				.filter((f) -> "error".equals(f.path("type").asString()))
				.count();
			assertThat(errors).as("one error for the whole flood").isEqualTo(1);
		}
	}

	@Test
	void acuteDangerBeyondTheLimitStillStartsButInTheNormalOrderWith112() {
		try (Visitor first = newVisitor()) {
			String conversationId = first.start(Map.of("acuteDanger", true));
			assertThat(redis.hget("{uw}:conv:" + conversationId, "band")).isEqualTo("0");
		}
		try (Visitor second = newVisitor()) {
			second.ws().send(Map.of("type", "start", "intake", Map.of("acuteDanger", true)));
			String conversationId = second.ws().expect("queued").path("conversationId").asString();
			JsonNode told = second.ws().expect("error");
			assertThat(told.path("code").asString()).isEqualTo("acute_priority_limited");
			assertThat(told.path("conversationId").asString()).isEqualTo(conversationId);
			JsonNode notice = second.ws().expect("message");
			assertThat(notice.path("from").asString()).isEqualTo("system");
			assertThat(notice.path("text").asString()).contains("112");
			assertThat(redis.hget("{uw}:conv:" + conversationId, "band")).as("the normal order").isEqualTo("1");
			assertThat(redis.hget("{uw}:conv:" + conversationId, "intake")).as("their answer is kept")
				.contains("\"acuteDanger\":true");
		}
	}

	@Test
	void aFullQueueTurnsNewVisitorsAwayHonestlyButNeverThoseTheSystemPutsBack() {
		List<Visitor> visitors = new ArrayList<>();
		try (Chat chat = openChat("limits-queue")) {
			// Away, so nobody waiting is offered to this counsellor.
			chat.counsellor().send(Map.of("type", "availability", "status", "away"));
			chat.counsellor().expect("availability", (f) -> "away".equals(f.path("status").asString()));
			for (int i = 0; i < 2; i++) {
				visitors.add(newVisitor());
				visitors.get(i).start();
			}
			Visitor turnedAway = newVisitor();
			visitors.add(turnedAway);
			turnedAway.ws().send(Map.of("type", "start"));
			JsonNode closed = turnedAway.ws().expect("closed");
			assertThat(closed.path("reason").asString()).isEqualTo("full");
			assertThat(closed.path("retryAfterSeconds").asLong()).isEqualTo(120);
			assertThat(closed.path("alternatives").get(0).path("name").asString()).isEqualTo("112");
			assertThat(closed.has("nextOpening")).isFalse();
			assertThat(redis.zcard("{uw}:queue")).isEqualTo(2);

			Visitor inDanger = newVisitor();
			visitors.add(inDanger);
			inDanger.start(Map.of("acuteDanger", true));
			assertThat(redis.zcard("{uw}:queue")).as("the acute reserve").isEqualTo(3);

			chat.counsellor().send(Map.of("type", "transfer", "conversationId", chat.conversationId(), "to", "queue"));
			chat.counsellor().expect("transfer_requested");
			assertThat(chat.visitor().ws().expect("queued").path("conversationId").asString())
				.isEqualTo(chat.conversationId());
			assertThat(redis.zcard("{uw}:queue")).as("put back, beyond every cap").isEqualTo(4);
		}
		finally {
			visitors.forEach(Visitor::close);
		}
	}

	@Test
	void concurrentStartsNeverMakeTheQueueLongerThanItsMaximum() {
		List<VisitorSession> sessions = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String key = "{uw}:vs:" + UUID.randomUUID();
			String sid = UUID.randomUUID().toString();
			redis.hset(key, Map.of("sid", sid));
			sessions.add(new VisitorSession(sid, key, "DIRECT", "nl", null));
		}
		QueueManagement queue = app.bean(QueueManagement.class);
		List<EnqueueResult> results = Flux.fromIterable(sessions)
			.flatMap((session) -> queue.enqueue(session, Intake.none()), 20)
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(results).filteredOn(EnqueueResult.Queued.class::isInstance).hasSize(2);
		assertThat(results).filteredOn(EnqueueResult.Full.class::isInstance).hasSize(18);
		assertThat(redis.zcard("{uw}:queue")).isEqualTo(2);
	}

	@Test
	void aMessageBucketLeftAsAHashByTheVersionBeforeCountsAsAFullOne() {
		String cid = UUID.randomUUID().toString();
		String sid = UUID.randomUUID().toString();
		redis.hset("{uw}:conv:" + cid, Map.of("state", "queued", "sid", sid, "seq", "0"));
		String bucket = "{uw}:rl:msg:visitor:" + sid;
		// An empty bucket as the version before kept it (during a rolling upgrade).
		redis.hset(bucket, Map.of("tokens", "0", "at", Long.toString(System.currentTimeMillis())));
		Conversations conversations = app.bean(Conversations.class);
		List<AppendResult> results = Flux.range(0, 6)
			.concatMap((i) -> conversations.append(cid, Party.VISITOR, sid, "c" + i, "hallo"))
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(results).hasSize(6);
		assertThat(results.subList(0, 5)).allSatisfy((r) -> assertThat(r).isInstanceOf(AppendResult.Accepted.class));
		assertThat(results.get(5)).isInstanceOf(AppendResult.RateLimited.class);
		assertThat(redis.type(bucket)).isEqualTo("string");
		assertThat(redis.pttl(bucket)).as("gone once full again (1 h) plus a second").isBetween(1L, 3_601_000L);
	}

	@Test
	void concurrentMessagesNeverFillASideBeyondItsCap() {
		String cid = UUID.randomUUID().toString();
		String sid = UUID.randomUUID().toString();
		// Four of the eight already sent, so the four left are within the message rate
		// (five), which is not what this is about.
		redis.hset("{uw}:conv:" + cid, Map.of("state", "queued", "sid", sid, "seq", "4", "msgs:visitor", "4"));
		Conversations conversations = app.bean(Conversations.class);
		List<AppendResult> results = Flux.range(0, 20)
			.flatMap((i) -> conversations.append(cid, Party.VISITOR, sid, UUID.randomUUID().toString(), "hallo"), 20)
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(results).filteredOn(AppendResult.Accepted.class::isInstance).hasSize(4);
		assertThat(results).filteredOn(AppendResult.Full.class::isInstance).hasSize(16);
		assertThat(redis.llen("{uw}:conv:" + cid + ":log")).isEqualTo(4);
		assertThat(redis.hget("{uw}:conv:" + cid, "msgs:visitor")).isEqualTo("8");
		// The system's own notices still go in.
		assertThat(conversations.append(cid, Party.SYSTEM, "", "", "notice").block(Duration.ofSeconds(5)))
			.isInstanceOf(AppendResult.Accepted.class);
	}

	/** A visitor whose session does not count against the address's session bucket. */
	private static Visitor newVisitor() {
		forgetBuckets("visitor-sessions");
		return Visitor.connect(app.port());
	}

	private static Chat openChat(String username) {
		forgetBuckets("visitor-sessions");
		return Chat.open(app, app, username);
	}

	/** Stands in for waiting out a bucket's period. */
	private static void forgetBuckets(String limit) {
		List<String> keys = redis.keys("{uw}:rl:" + limit + ":*");
		if (!keys.isEmpty()) {
			redis.del(keys.toArray(String[]::new));
		}
	}

	/** Sends a message and returns the answer about it: {@code sent} or {@code error}. */
	private static JsonNode send(WsClient ws, String conversationId, String clientMsgId) {
		Map<String, Object> frame = new java.util.HashMap<>(
				Map.of("type", "message", "clientMsgId", clientMsgId, "text", "hallo"));
		if (conversationId != null) {
			frame.put("conversationId", conversationId);
		}
		ws.send(frame);
		return ws.expect(
				(f) -> clientMsgId.equals(f.path("clientMsgId").asString())
						&& ("sent".equals(f.path("type").asString()) || "error".equals(f.path("type").asString())),
				"the answer to " + clientMsgId);
	}

	private static WebClient client(String from) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(from, 0));
		return WebClient.builder()
			.baseUrl("http://127.0.0.1:" + app.port())
			.clientConnector(new ReactorClientHttpConnector(http))
			.build();
	}

	private static ResponseEntity<JsonNode> createSession(WebClient client) {
		return client.post()
			.uri("/api/v1/visitor/sessions")
			.exchangeToMono((response) -> response.toEntity(JsonNode.class))
			.block(Duration.ofSeconds(10));
	}

}
