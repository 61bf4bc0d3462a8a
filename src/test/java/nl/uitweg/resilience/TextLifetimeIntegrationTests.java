package nl.uitweg.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Message text lives only as long as delivery and resume need it; staff sessions outlive
 * instances.
 */
class TextLifetimeIntegrationTests {

	@Test
	void nothingOfAConversationRemainsInRedisAfterTheRetentionPeriod() {
		TestBackends.get().flushChat();
		try (AppInstance app = AppInstance.start("retention", Map.of("uitweg.conversation.text-retention", "2s"));
				Chat chat = Chat.open(app, app, "retention")) {
			chat.visitor()
				.ws()
				.send(Map.of("type", "message", "clientMsgId", UUID.randomUUID().toString(), "text",
						"iets wat niemand mag bewaren"));
			chat.counsellor().expect("message");
			String conversationId = chat.conversationId();
			assertThat(TestBackends.get().redis().lrange("{uw}:conv:" + conversationId + ":log", 0, -1).toString())
				.contains("iets wat niemand mag bewaren");
			chat.counsellor().send(Map.of("type", "end", "conversationId", conversationId));
			chat.visitor().ws().expect("ended");
			await().atMost(Duration.ofSeconds(15))
				.until(() -> TestBackends.get().redis().keys("{uw}:conv:" + conversationId + "*").isEmpty());
			assertThat(TestBackends.get().redis().keys("*")).allSatisfy((key) -> {
				if (TestBackends.get().redis().type(key).equals("string")) {
					assertThat(TestBackends.get().redis().get(key)).doesNotContain("niemand mag bewaren");
				}
			});
		}
	}

	@Test
	void aStaffSessionIssuedByAnInstanceThatIsGoneStillWorksElsewhere() {
		AppInstance stable = AppInstance.shared("A");
		AppInstance issuer = AppInstance.start("session-issuer", Map.of());
		issuer.ensureCounsellor("session-roamer", "password-roamer", 2);
		StaffLogin login = StaffLogin.of(issuer.port(), "session-roamer", "password-roamer");
		issuer.close();
		try (WsClient counsellor = WsClient.counsellor(stable.port(), login)) {
			assertThat(counsellor.expect("welcome").path("counsellor").path("username").asString())
				.isEqualTo("session-roamer");
		}
	}

}
