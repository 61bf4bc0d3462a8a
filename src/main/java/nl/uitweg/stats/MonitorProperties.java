package nl.uitweg.stats;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The coordinators' live monitor.
 *
 * @param interval how often a snapshot is computed and pushed (at most 2 s apart)
 * @param serviceLevelTarget the wait within which an answer counts towards the service
 * level
 */
@ConfigurationProperties("uitweg.monitor")
public record MonitorProperties(@DefaultValue("1s") Duration interval,
		@DefaultValue("60s") Duration serviceLevelTarget) {
}
