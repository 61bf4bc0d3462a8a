package nl.uitweg.counsellor;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff sign-in, roles and CSRF, and a coordinator adding a counsellor who then takes a
 * chat.
 */
class StaffApiIntegrationTests {

	private final AppInstance a = AppInstance.shared("A");

	private final WebTestClient client = Rest.anonymous(this.a);

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void aWrongPasswordIsAProblemAndAnonymousStaffCallsAreRefused() {
		this.client.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("username", "admin", "password", "wrong"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_credentials");
		this.client.get()
			.uri("/api/v1/auth/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unauthenticated");
	}

	@Test
	void loginAnswersWithTheStaffMemberAndSetsTheSessionAndCsrfCookies() {
		this.client.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("username", "admin", "password", "admin-test-password"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.exists("SESSION")
			.expectCookie()
			.exists("XSRF-TOKEN")
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("admin")
			.jsonPath("$.roles[0]")
			.isEqualTo("COORDINATOR")
			.jsonPath("$.displayName")
			.isNotEmpty();
	}

	@Test
	void aCoordinatorCreatesACounsellorWhoSignsInAndTakesAChat() {
		StaffLogin admin = StaffLogin.of(this.a.port(), "admin", "admin-test-password");
		String username = "new-" + Long.toString(System.nanoTime(), 36);
		Map<String, Object> body = Map.of("username", username, "password", "a-long-password", "displayName", "Sam",
				"capacity", 2);
		// Without the CSRF header the change is refused.
		this.client.post()
			.uri("/api/v1/admin/counsellors")
			.header("Cookie", "SESSION=" + admin.session())
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("csrf_invalid");
		withStaff(admin).post()
			.uri("/api/v1/admin/counsellors")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo(username)
			.jsonPath("$.capacity")
			.isEqualTo(2);
		withStaff(admin).post()
			.uri("/api/v1/admin/counsellors")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("username_taken");

		StaffLogin counsellorLogin = StaffLogin.of(this.a.port(), username, "a-long-password");
		try (WsClient counsellor = WsClient.counsellor(this.a.port(), counsellorLogin);
				Visitor visitor = Visitor.connect(this.a.port())) {
			assertThat(counsellor.expect("welcome").path("counsellor").path("displayName").asString()).isEqualTo("Sam");
			String conversationId = visitor.start();
			counsellor.send(Map.of("type", "availability", "status", "available"));
			counsellor.expect("offer", (f) -> f.path("conversationId").asString().equals(conversationId));
			counsellor.send(Map.of("type", "accept", "conversationId", conversationId));
			assertThat(visitor.ws().expect("assigned").path("counsellor").path("displayName").asString())
				.isEqualTo("Sam");
		}
		// A counsellor may not administer staff.
		withStaff(counsellorLogin).post()
			.uri("/api/v1/admin/counsellors")
			.bodyValue(Map.of("username", "nope-" + username, "password", "a-long-password", "displayName", "X"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("forbidden");
	}

	@Test
	void invalidNewCounsellorsAreRefusedWithTheFieldsAtFault() {
		StaffLogin admin = StaffLogin.of(this.a.port(), "admin", "admin-test-password");
		withStaff(admin).post()
			.uri("/api/v1/admin/counsellors")
			.bodyValue(Map.of("username", "Bad Name!", "password", "", "displayName", "X"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_request")
			.jsonPath("$.fields")
			.value((java.util.List<String> fields) -> assertThat(fields).contains("username", "password"));
	}

	@Test
	void logoutEndsTheStaffSession() {
		StaffLogin admin = StaffLogin.of(this.a.port(), "admin", "admin-test-password");
		withStaff(admin).post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent();
		withStaff(admin).get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aCoordinatorChangesDisablesAndResetsACounsellor() {
		StaffLogin admin = StaffLogin.of(this.a.port(), "admin", "admin-test-password");
		String username = "managed-" + Long.toString(System.nanoTime(), 36);
		withStaff(admin).post()
			.uri("/api/v1/admin/counsellors")
			.bodyValue(Map.of("username", username, "password", "first-password", "displayName", "Robin"))
			.exchange()
			.expectStatus()
			.isCreated();
		withStaff(admin).get()
			.uri("/api/v1/admin/counsellors")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.username == '" + username + "')].capacity")
			.isEqualTo(3);
		withStaff(admin).patch()
			.uri("/api/v1/admin/counsellors/{u}", username)
			.bodyValue(Map.of("displayName", "Robin B.", "capacity", 4))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.displayName")
			.isEqualTo("Robin B.")
			.jsonPath("$.capacity")
			.isEqualTo(4);
		withStaff(admin).patch()
			.uri("/api/v1/admin/counsellors/{u}", username)
			.bodyValue(Map.of("capacity", 99))
			.exchange()
			.expectStatus()
			.isBadRequest();

		withStaff(admin).patch()
			.uri("/api/v1/admin/counsellors/{u}", username)
			.bodyValue(Map.of("enabled", false))
			.exchange()
			.expectStatus()
			.isOk();
		login(username, "first-password").expectStatus().isUnauthorized();
		withStaff(admin).patch()
			.uri("/api/v1/admin/counsellors/{u}", username)
			.bodyValue(Map.of("enabled", true))
			.exchange()
			.expectStatus()
			.isOk();
		login(username, "first-password").expectStatus().isOk();

		withStaff(admin).post()
			.uri("/api/v1/admin/counsellors/{u}/password", username)
			.bodyValue(Map.of("password", "second-password"))
			.exchange()
			.expectStatus()
			.isNoContent();
		login(username, "first-password").expectStatus().isUnauthorized();
		login(username, "second-password").expectStatus().isOk();

		withStaff(admin).patch()
			.uri("/api/v1/admin/counsellors/{u}", "nobody-here")
			.bodyValue(Map.of("enabled", false))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("staff_not_found");
	}

	@Test
	void coordinatorsKeepCannedResponsesThatCounsellorsList() {
		StaffLogin admin = StaffLogin.of(this.a.port(), "admin", "admin-test-password");
		String id = withStaff(admin).post()
			.uri("/api/v1/admin/canned-responses")
			.bodyValue(Map.of("title", "Veilig Thuis", "text", "Je kunt dag en nacht bellen met Veilig Thuis.",
					"partner", "Veilig Thuis", "contact", "0800-2000"))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Map.class)
			.getResponseBody()
			.blockFirst(Duration.ofSeconds(5))
			.get("id")
			.toString();
		withStaff(admin).post()
			.uri("/api/v1/admin/canned-responses")
			.bodyValue(Map.of("title", "", "text", "x"))
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.a.ensureCounsellor("canned-reader", "password-canned-reader", 1);
		StaffLogin counsellor = StaffLogin.of(this.a.port(), "canned-reader", "password-canned-reader");
		withStaff(counsellor).get()
			.uri("/api/v1/canned-responses")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == '" + id + "')].contact")
			.isEqualTo("0800-2000");
		withStaff(counsellor).delete()
			.uri("/api/v1/admin/canned-responses/{id}", id)
			.exchange()
			.expectStatus()
			.isForbidden();
		withStaff(admin).delete()
			.uri("/api/v1/admin/canned-responses/{id}", id)
			.exchange()
			.expectStatus()
			.isNoContent();
		withStaff(admin).delete()
			.uri("/api/v1/admin/canned-responses/{id}", id)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("canned_response_not_found");
	}

	private WebTestClient.ResponseSpec login(String username, String password) {
		return this.client.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

	private WebTestClient withStaff(StaffLogin login) {
		return Rest.as(this.a, login);
	}

}
