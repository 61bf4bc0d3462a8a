package nl.uitweg.counsellor;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed staff sign-ins are limited per username and per address hash, unknown usernames
 * answer exactly like wrong passwords, and passwords the hash cannot take are refused as
 * problems, not failures.
 */
class LoginHardeningIntegrationTests {

	private final AppInstance a = AppInstance.shared("A");

	private final WebTestClient client = Rest.anonymous(this.a);

	/** The buckets live under {@code {uw}:}, so this also forgets every failure. */
	@BeforeEach
	@AfterEach
	void forgetFailures() {
		TestBackends.get().flushChat();
	}

	@Test
	void anUnknownUsernameIsAnsweredExactlyLikeAWrongPassword() {
		String name = counsellor("known");
		EntityExchangeResult<byte[]> wrong = login(name, "not-the-password").expectBody().returnResult();
		EntityExchangeResult<byte[]> unknown = login("nobody-" + name, "not-the-password").expectBody().returnResult();
		assertThat(wrong.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(unknown.getStatus()).isEqualTo(wrong.getStatus());
		assertThat(unknown.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(new String(unknown.getResponseBodyContent())).isEqualTo(new String(wrong.getResponseBodyContent()));
	}

	@Test
	void fiveFailuresLockAUsernameWhetherOrNotItExistsEvenForTheRightPassword() {
		String name = counsellor("locked");
		String unknown = "unknown-" + name;
		for (int i = 0; i < 5; i++) {
			login(name, "wrong-" + i).expectStatus().isUnauthorized();
			login(unknown, "wrong-" + i).expectStatus().isUnauthorized();
		}
		EntityExchangeResult<byte[]> locked = assertLocked(login(name, password(name)));
		EntityExchangeResult<byte[]> lockedUnknown = assertLocked(login(unknown, password(name)));
		assertThat(lockedUnknown.getResponseHeaders().getContentType())
			.isEqualTo(locked.getResponseHeaders().getContentType());
		// Other usernames from the same address are not locked yet.
		login(counsellor("other"), "wrong").expectStatus().isUnauthorized();
	}

	@Test
	void aSuccessForgetsTheUsernamesFailures() {
		String name = counsellor("forgiven");
		for (int i = 0; i < 4; i++) {
			login(name, "wrong-" + i).expectStatus().isUnauthorized();
		}
		login(name, password(name)).expectStatus().isOk();
		for (int i = 0; i < 4; i++) {
			login(name, "wrong-again-" + i).expectStatus().isUnauthorized();
		}
		login(name, password(name)).expectStatus().isOk();
	}

	@Test
	void twentyFailuresFromOneAddressLockEveryUsername() {
		String prefix = "spray-" + Long.toString(System.nanoTime(), 36);
		for (int i = 0; i < 20; i++) {
			login(prefix + "-" + i, "wrong").expectStatus().isUnauthorized();
		}
		assertLocked(login(prefix + "-fresh", "wrong"));
		// A good account from that address cannot clear the way either.
		String name = counsellor("bystander");
		assertLocked(login(name, password(name)));
	}

	@Test
	void passwordsTheHashCannotTakeAreRefusedWithTheirOwnCode() {
		// 25 characters, 75 bytes: the limit is in bytes.
		String tooLong = "€".repeat(25);
		assertProblem(login("admin", tooLong), HttpStatus.BAD_REQUEST, "password_too_long");

		StaffLogin admin = StaffLogin.of(this.a.port(), "admin", "admin-test-password");
		String name = "rules-" + Long.toString(System.nanoTime(), 36);
		assertProblem(Rest.as(this.a, admin)
			.post()
			.uri("/api/v1/admin/counsellors")
			.bodyValue(Map.of("username", name, "password", tooLong, "displayName", "X"))
			.exchange(), HttpStatus.BAD_REQUEST, "password_too_long");
		assertProblem(Rest.as(this.a, admin)
			.post()
			.uri("/api/v1/admin/counsellors")
			.bodyValue(Map.of("username", name, "password", "elevenchars", "displayName", "X"))
			.exchange(), HttpStatus.BAD_REQUEST, "password_too_short").jsonPath("$.minLength").isEqualTo(12);
		Rest.as(this.a, admin)
			.post()
			.uri("/api/v1/admin/counsellors")
			.bodyValue(Map.of("username", name, "password", "twelve-chars", "displayName", "X"))
			.exchange()
			.expectStatus()
			.isCreated();
		assertProblem(Rest.as(this.a, admin)
			.post()
			.uri("/api/v1/admin/counsellors/{u}/password", name)
			.bodyValue(Map.of("password", tooLong))
			.exchange(), HttpStatus.BAD_REQUEST, "password_too_long");
		assertProblem(Rest.as(this.a, admin)
			.post()
			.uri("/api/v1/admin/counsellors/{u}/password", name)
			.bodyValue(Map.of("password", "short"))
			.exchange(), HttpStatus.BAD_REQUEST, "password_too_short");
		login(name, "twelve-chars").expectStatus().isOk();
	}

	private static EntityExchangeResult<byte[]> assertLocked(WebTestClient.ResponseSpec response) {
		EntityExchangeResult<byte[]> result = response.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("too_many_attempts")
			.returnResult();
		String retryAfter = result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		assertThat(retryAfter).isNotNull();
		assertThat(Long.parseLong(retryAfter)).isPositive();
		return result;
	}

	private static WebTestClient.BodyContentSpec assertProblem(WebTestClient.ResponseSpec response, HttpStatus status,
			String code) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code);
	}

	private WebTestClient.ResponseSpec login(String username, String password) {
		return this.client.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

	private String counsellor(String prefix) {
		String name = prefix + "-" + Long.toString(System.nanoTime(), 36);
		this.a.ensureCounsellor(name, password(name), 1);
		return name;
	}

	private static String password(String name) {
		return "password-" + name;
	}

}
