package nl.uitweg.support;

import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

/** REST clients against a running instance, anonymous or as a signed-in staff member. */
public final class Rest {

	private Rest() {
	}

	public static WebTestClient anonymous(AppInstance instance) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + instance.port())
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	/** Sends the session cookie and the CSRF header, as a staff page does. */
	public static WebTestClient as(AppInstance instance, StaffLogin login) {
		return anonymous(instance).mutate()
			.defaultHeader("Cookie", login.cookieHeader())
			.defaultHeader("X-XSRF-TOKEN", login.xsrf())
			.build();
	}

}
