package nl.uitweg.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security headers on every response.
 *
 * @param hstsMaxAge how long browsers keep to https for this host
 * ({@code Strict-Transport-Security}); 0 leaves the header out
 * @param hstsIncludeSubdomains whether that covers the subdomains too
 */
@ConfigurationProperties("uitweg.headers")
public record HeadersProperties(@DefaultValue("365d") Duration hstsMaxAge,
		@DefaultValue("true") boolean hstsIncludeSubdomains) {
}
