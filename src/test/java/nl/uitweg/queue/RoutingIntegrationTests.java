package nl.uitweg.queue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The routing modes over real sockets: offers that lapse move on; manual routing takes
 * the next.
 */
class RoutingIntegrationTests {

	private static WsClient console(AppInstance app, String name) {
		app.ensureCounsellor(name, "password-" + name, 2);
		WsClient console = WsClient.counsellor(app.port(), StaffLogin.of(app.port(), name, "password-" + name));
		console.expect("welcome");
		console.send(Map.of("type", "availability", "status", "available"));
		console.expect("availability");
		return console;
	}

	@Test
	void anOfferNobodyAcceptsGoesToTheNextCounsellorAndTheSilentOneIsSetAway() {
		var redis = TestBackends.get().redis(4);
		redis.flushdb();
		try (AppInstance app = AppInstance.start("lapse",
				Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/4", "uitweg.queue.offer-timeout",
						"1s"));
				WsClient silent = console(app, "lapse-silent");
				Visitor visitor = Visitor.connect(app.port())) {
			String conversationId = visitor.start();
			String firstTo = silent.expect("offer").path("conversationId").asString();
			assertThat(firstTo).isEqualTo(conversationId);
			try (WsClient next = console(app, "lapse-next")) {
				assertThat(silent.expect("offer_withdrawn").path("reason").asString()).isEqualTo("lapsed");
				assertThat(silent.expect("availability", (f) -> f.path("status").asString().equals("away"))
					.path("reason")
					.asString()).isEqualTo("offer_lapsed");
				JsonNode offer = next.expect("offer");
				assertThat(offer.path("conversationId").asString()).isEqualTo(conversationId);
				silent.send(Map.of("type", "accept", "conversationId", conversationId));
				assertThat(silent.expect("error").path("code").asString()).isEqualTo("offer_not_found");
				next.send(Map.of("type", "accept", "conversationId", conversationId));
				visitor.ws().expect("assigned");
			}
		}
	}

	@Test
	void inManualRoutingCounsellorsTakeTheNextVisitorThemselves() {
		var redis = TestBackends.get().redis(5);
		redis.flushdb();
		try (AppInstance app = AppInstance.start("manual",
				Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/5", "uitweg.queue.routing",
						"manual"));
				WsClient counsellor = console(app, "manual-taker");
				Visitor visitor = Visitor.connect(app.port())) {
			String conversationId = visitor.start();
			// Nothing is offered on its own, however long the visitor waits; the
			// available counsellor is alerted, again and again while it lasts.
			counsellor.expect("queue", (f) -> f.path("waiting").asInt() == 1);
			counsellor.expect("queue", (f) -> f.path("waiting").asInt() == 1);
			assertThat(counsellor.hasUnread("offer")).isFalse();
			counsellor.send(Map.of("type", "take_next"));
			assertThat(counsellor.expect("assigned").path("conversationId").asString()).isEqualTo(conversationId);
			assertThat(visitor.ws().expect("assigned").path("counsellor").path("displayName").asString())
				.isEqualTo("Counsellor manual-taker");
			counsellor.expect("queue", (f) -> f.path("waiting").asInt() == 0);
			counsellor.send(Map.of("type", "take_next"));
			assertThat(counsellor.expect("error").path("code").asString()).isEqualTo("queue_empty");
			assertThat(redis.hget("{uw}:c:manual-taker", "load")).isEqualTo("1");
		}
	}

	@Test
	void aHandoverNobodyAnswersStaysWithTheCounsellorWhoOfferedIt() {
		var redis = TestBackends.get().redis(6);
		redis.flushdb();
		try (AppInstance app = AppInstance.start("handover-lapse",
				Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/6", "uitweg.queue.offer-timeout",
						"1s"));
				nl.uitweg.support.Chat chat = nl.uitweg.support.Chat.open(app, app, "lapse-owner");
				WsClient colleague = console(app, "lapse-colleague")) {
			chat.counsellor()
				.send(Map.of("type", "transfer", "conversationId", chat.conversationId(), "to", "lapse-colleague"));
			colleague.expect("offer");
			JsonNode declined = chat.counsellor().expect("transfer_declined");
			assertThat(declined.path("reason").asString()).isEqualTo("lapsed");
			assertThat(colleague.expect("offer_withdrawn").path("reason").asString()).isEqualTo("lapsed");
			assertThat(redis.hget("{uw}:c:lapse-colleague", "load")).isEqualTo("0");
			colleague.send(Map.of("type", "accept", "conversationId", chat.conversationId()));
			assertThat(colleague.expect("error").path("code").asString()).isEqualTo("offer_not_found");
		}
	}

}
