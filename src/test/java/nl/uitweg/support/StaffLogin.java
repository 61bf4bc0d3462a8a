package nl.uitweg.support;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

/** A signed-in staff member: the session cookie and the CSRF token to echo. */
public record StaffLogin(String session, String xsrf) {

	public static StaffLogin of(int port, String username, String password) {
		var response = WebClient.create("http://127.0.0.1:" + port)
			.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("username", username, "password", password))
			.retrieve()
			.onStatus(HttpStatusCode::isError, (r) -> r.createException())
			.toBodilessEntity()
			.block(Duration.ofSeconds(10));
		MultiValueMap<String, ResponseCookie> cookies = ResponseCookies.of(response);
		return new StaffLogin(cookies.getFirst("SESSION").getValue(), cookies.getFirst("XSRF-TOKEN").getValue());
	}

	public String cookieHeader() {
		return "SESSION=" + this.session + "; XSRF-TOKEN=" + this.xsrf;
	}

	/** A client that sends the session cookie and the CSRF header with every request. */
	public WebClient client(int port) {
		return WebClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultHeader("Cookie", cookieHeader())
			.defaultHeader("X-XSRF-TOKEN", this.xsrf)
			.build();
	}

}
