package nl.uitweg.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Prometheus endpoint and the gauges behind it.
 *
 * @param token the bearer token a scraper must send for {@code /actuator/prometheus};
 * blank: nobody can read it
 * @param refresh how often the gauges read from Redis (queue, active conversations) and
 * the backend health gauges are refreshed; a scrape reads the last values, never Redis
 */
@ConfigurationProperties("uitweg.metrics")
public record MetricsProperties(@DefaultValue("") String token, @DefaultValue("5s") Duration refresh) {
}
