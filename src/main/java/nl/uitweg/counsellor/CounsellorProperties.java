package nl.uitweg.counsellor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Staff accounts and counsellor capacity.
 *
 * @param defaultCapacity conversations a counsellor carries at once unless set per
 * account
 * @param maxCapacity upper bound a coordinator may set
 * @param adminPassword password for the first coordinator; generated and printed once if
 * blank
 */
@Validated
@ConfigurationProperties("uitweg.counsellor")
public record CounsellorProperties(@DefaultValue("3") @Min(1) @Max(10) int defaultCapacity,
		@DefaultValue("6") @Min(1) @Max(20) int maxCapacity, @DefaultValue("") String adminPassword) {
}
