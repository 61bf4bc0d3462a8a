package nl.uitweg.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Answers {@code /counsellor} and {@code /coordinator} (with or without a trailing slash)
 * with the page's {@code index.html}. The pages refer to their assets by absolute paths,
 * so both forms work without a redirect; the assets themselves are plain static
 * resources. The visitor chat at {@code /} is Boot's welcome page.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

	static final List<String> STAFF_PAGES = List.of("counsellor", "coordinator");

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	@Bean
	RouterFunction<ServerResponse> staffPages() {
		RouterFunctions.Builder routes = RouterFunctions.route();
		for (String page : STAFF_PAGES) {
			Resource index = new ClassPathResource("static/" + page + "/index.html");
			routes.GET("/" + page, (request) -> answer(index)).GET("/" + page + "/", (request) -> answer(index));
		}
		return routes.build();
	}

	private static Mono<ServerResponse> answer(Resource index) {
		if (!index.exists()) {
			return ServerResponse.notFound().build();
		}
		return ServerResponse.ok().contentType(HTML).bodyValue(index);
	}

}
