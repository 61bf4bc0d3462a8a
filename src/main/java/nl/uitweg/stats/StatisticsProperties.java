package nl.uitweg.stats;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The published statistics and the figures shown beside them.
 *
 * @param k the smallest non-zero count that may be shown; counts from 1 to k-1 are
 * suppressed, and so is what is derived from them (1 suppresses nothing)
 */
@Validated
@ConfigurationProperties("uitweg.stats")
public record StatisticsProperties(@DefaultValue("5") @Min(1) int k) {
}
