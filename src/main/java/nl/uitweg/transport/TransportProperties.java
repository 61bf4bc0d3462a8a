package nl.uitweg.transport;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WebSocket edges.
 *
 * @param helloTimeout how long a visitor connection may stay without a valid hello
 * @param resumeFallback how long a counsellor console has to send {@code resume} before
 * its open conversations are replayed after what it last acknowledged
 * @param allowedOrigins origins besides the site itself that may open the counsellor
 * console (for example {@code https://console.example.org})
 */
@ConfigurationProperties("uitweg.transport")
public record TransportProperties(@DefaultValue("10s") Duration helloTimeout,
		@DefaultValue("2s") Duration resumeFallback, @DefaultValue("") List<String> allowedOrigins) {
}
