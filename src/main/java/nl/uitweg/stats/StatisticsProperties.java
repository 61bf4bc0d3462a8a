package nl.uitweg.stats;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Published statistics.
 *
 * @param k the disclosure threshold: a count from 1 to k-1 is never shown
 */
@Validated
@ConfigurationProperties("uitweg.stats")
public record StatisticsProperties(@DefaultValue("5") @Min(1) int k) {
}
