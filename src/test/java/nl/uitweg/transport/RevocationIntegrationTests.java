package nl.uitweg.transport;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.web.reactive.socket.CloseStatus;

import nl.uitweg.platform.RedisKeys;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Disabling an account, setting its password or signing out ends the staff sessions it
 * names and closes their consoles on every instance with 4401; a signed-out counsellor is
 * offered nothing.
 */
class RevocationIntegrationTests {

	private final AppInstance a = AppInstance.shared("A");

	private final AppInstance b = AppInstance.shared("B");

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void aDisabledCounsellorsConsoleOnAnotherInstanceIsClosedAndGetsNoOffer() {
		String name = counsellor("disabled");
		StaffLogin login = StaffLogin.of(this.b.port(), name, password(name));
		try (WsClient console = availableConsole(this.b, login)) {
			Rest.as(this.b, login).get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();

			Rest.as(this.a, admin())
				.patch()
				.uri("/api/v1/admin/counsellors/{u}", name)
				.bodyValue(Map.of("enabled", false))
				.exchange()
				.expectStatus()
				.isOk();

			assertSignedOut(console.awaitClosed(), "account_disabled");
		}
		Rest.as(this.a, login).get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		Rest.as(this.b, login).get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		assertThat(TestBackends.get().redis().sismember(RedisKeys.COUNSELLORS, name)).isFalse();
		assertThat(TestBackends.get().redis().hget(RedisKeys.counsellor(name), "status")).isEqualTo("offline");

		try (Visitor visitor = Visitor.connect(this.a.port())) {
			String conversationId = visitor.start();
			// Several dispatch passes (every 200 ms) go by without an offer.
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> "queued"
					.equals(TestBackends.get().redis().hget(RedisKeys.conversation(conversationId), "state")));
			assertThat(TestBackends.get().redis().hget(RedisKeys.conversation(conversationId), "offeredTo")).isNull();
		}
	}

	@Test
	void aNewPasswordEndsEverySessionAndClosesTheConsoles() {
		String name = counsellor("reset");
		StaffLogin login = StaffLogin.of(this.a.port(), name, password(name));
		try (WsClient console = availableConsole(this.a, login)) {
			Rest.as(this.b, admin())
				.post()
				.uri("/api/v1/admin/counsellors/{u}/password", name)
				.bodyValue(Map.of("password", "a-brand-new-password"))
				.exchange()
				.expectStatus()
				.isNoContent();

			assertSignedOut(console.awaitClosed(), "password_reset");
		}
		Rest.as(this.a, login).get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		assertThat(TestBackends.get().redis().sismember(RedisKeys.COUNSELLORS, name)).isFalse();
		StaffLogin again = StaffLogin.of(this.b.port(), name, "a-brand-new-password");
		try (WsClient console = WsClient.counsellor(this.b.port(), again)) {
			console.expect("welcome");
		}
	}

	@Test
	void aLogoutClosesTheConsolesOfThatSessionOnly() {
		String name = counsellor("logout");
		StaffLogin first = StaffLogin.of(this.a.port(), name, password(name));
		StaffLogin second = StaffLogin.of(this.b.port(), name, password(name));
		try (WsClient leaving = availableConsole(this.b, first); WsClient staying = availableConsole(this.a, second)) {
			Rest.as(this.a, first).post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent();

			assertSignedOut(leaving.awaitClosed(), "signed_out");
			staying.send(Map.of("type", "availability", "status", "away"));
			assertThat(staying.expect("availability", (f) -> f.path("status").asString().equals("away"))).isNotNull();
			assertThat(staying.isClosed()).isFalse();
		}
		Rest.as(this.b, first).get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		Rest.as(this.b, second).get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
	}

	@Test
	void availabilityFromTheConsoleOfADisabledAccountIsRefused() {
		String name = counsellor("unnoticed");
		StaffLogin login = StaffLogin.of(this.a.port(), name, password(name));
		try (WsClient console = WsClient.counsellor(this.a.port(), login)) {
			console.expect("welcome");
			// Disabled behind the application's back: no sign-out notice reaches the
			// console, so only the check on the availability frame stands in the way.
			this.a.bean(ReactiveMongoTemplate.class)
				.updateFirst(Query.query(Criteria.where("_id").is(name)), Update.update("enabled", false), "staff")
				.block(Duration.ofSeconds(5));

			console.send(Map.of("type", "availability", "status", "available"));

			assertSignedOut(console.awaitClosed(), "account_disabled");
			assertThat(console.all()).noneMatch((f) -> f.path("status").asString().equals("available"));
		}
		assertThat(TestBackends.get().redis().hget(RedisKeys.counsellor(name), "status")).isNotEqualTo("available");
	}

	private static void assertSignedOut(CloseStatus status, String reason) {
		assertThat(status).isNotNull();
		assertThat(status.getCode()).isEqualTo(4401);
		assertThat(status.getReason()).isEqualTo(reason);
	}

	private static WsClient availableConsole(AppInstance instance, StaffLogin login) {
		WsClient console = WsClient.counsellor(instance.port(), login);
		console.expect("welcome");
		console.send(Map.of("type", "availability", "status", "available"));
		console.expect("availability", (f) -> f.path("status").asString().equals("available"));
		return console;
	}

	/** A counsellor of this test alone: revoking it must not disturb other tests. */
	private String counsellor(String prefix) {
		String name = prefix + "-" + Long.toString(System.nanoTime(), 36);
		this.a.ensureCounsellor(name, password(name), 2);
		return name;
	}

	private static String password(String name) {
		return "password-" + name;
	}

	private StaffLogin admin() {
		return StaffLogin.of(this.a.port(), "admin", "admin-test-password");
	}

}
