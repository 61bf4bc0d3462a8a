package nl.uitweg.transport;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.RawWebSocket;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A counsellor ends and blocks an abusive visitor: a new session from the same address
 * gets a neutral "not available", other addresses are unaffected, and no address is kept.
 */
class BlockIntegrationTests {

	@Test
	void aBlockCoversANewSessionFromTheSameAddressButNoOther() throws Exception {
		// A Redis database of its own: the block must not reach the other tests'
		// visitors.
		var redis = TestBackends.get().redis(3);
		redis.flushdb();
		try (AppInstance app = AppInstance.start("block",
				Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/3"))) {
			try (Chat chat = Chat.open(app, app, "blocker")) {
				chat.counsellor().send(Map.of("type", "block", "conversationId", chat.conversationId()));
				assertThat(chat.visitor().ws().expect("ended").path("reason").asString()).isEqualTo("blocked");
				assertThat(chat.counsellor().expect("ended").path("reason").asString()).isEqualTo("blocked");
				chat.counsellor().send(Map.of("type", "block", "conversationId", chat.conversationId()));
				assertThat(chat.counsellor().expect("error").path("code").asString())
					.isEqualTo("conversation_not_active");
			}
			try (Visitor again = Visitor.connect(app.port())) {
				again.ws().send(Map.of("type", "start"));
				JsonNode answer = again.ws().expect("closed");
				assertThat(answer.has("nextOpening")).as("neutral: no opening time to come back at").isFalse();
				assertThat(answer.path("alternatives").get(0).path("name").asString()).isEqualTo("112");
			}
			// Another address: the raw client binds 127.0.0.2 as its source address.
			try (RawWebSocket elsewhere = RawWebSocket.open(java.net.InetAddress.getByName("127.0.0.2"), app.port(),
					"/ws/visitor")) {
				elsewhere.sendText("{\"type\":\"hello\",\"token\":\"" + Visitor.newSessionToken(app.port()) + "\"}");
				assertThat(elsewhere.readText()).contains("\"welcome\"");
				elsewhere.sendText("{\"type\":\"start\"}");
				assertThat(elsewhere.readText()).contains("\"queued\"").contains("\"position\":1");
			}
			assertThat(redis.keys("{uw}:blocked:*")).hasSize(1)
				.allSatisfy((key) -> assertThat(key).doesNotContain("127.0.0.1")
					.matches("\\{uw\\}:blocked:\\d{4}-\\d{2}-\\d{2}:[0-9a-f]{64}"));
			assertThat(redis.ttl(redis.keys("{uw}:blocked:*").get(0))).isBetween(86_000L, 86_400L);
		}
	}

}
