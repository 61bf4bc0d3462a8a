package nl.uitweg.privacy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * Plain HTTP calls from a chosen local address with chosen headers (User-Agent,
 * X-Forwarded-For, Forwarded, Cookie), which the JDK's and Spring's clients cannot both
 * do. Each call uses a connection of its own, so no pooled connection from another local
 * address is reused.
 */
final class ProbeHttp {

	private ProbeHttp() {
	}

	/** Status, Set-Cookie and Cache-Control headers and body of one answer. */
	record Response(int status, List<String> setCookies, List<String> cacheControl, String body) {
	}

	static Response call(String method, InetAddress from, int port, String path, Map<String, String> headers,
			String body) {
		return HttpClient.newConnection().bindAddress(() -> new InetSocketAddress(from, 0)).headers((h) -> {
			headers.forEach(h::set);
			if (!body.isEmpty()) {
				h.set("Content-Type", "application/json");
			}
		})
			.request(HttpMethod.valueOf(method))
			.uri("http://127.0.0.1:" + port + path)
			.send(body.isEmpty() ? ByteBufFlux.empty() : ByteBufFlux.fromString(Mono.just(body)))
			.responseSingle((response, content) -> content.asString()
				.defaultIfEmpty("")
				.map((text) -> new Response(response.status().code(), response.responseHeaders().getAll("Set-Cookie"),
						response.responseHeaders().getAll("Cache-Control"), text)))
			.block(Duration.ofSeconds(15));
	}

}
