package nl.uitweg.support;

import java.net.HttpCookie;

import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Reads Set-Cookie headers of a response. */
final class ResponseCookies {

	private ResponseCookies() {
	}

	static MultiValueMap<String, ResponseCookie> of(ResponseEntity<?> response) {
		MultiValueMap<String, ResponseCookie> cookies = new LinkedMultiValueMap<>();
		for (String header : response.getHeaders().getOrEmpty("Set-Cookie")) {
			for (HttpCookie cookie : HttpCookie.parse(header)) {
				cookies.add(cookie.getName(), ResponseCookie.from(cookie.getName(), cookie.getValue()).build());
			}
		}
		return cookies;
	}

}
