package nl.uitweg.visitor;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many anonymous sessions one network address may create. Counted per keyed address
 * hash (see {@link AddressHashes}), in Redis only. Generous enough for a school or a
 * mobile network where many young people share one address.
 *
 * @param sessionsPerAddress sessions per keyed address hash per
 * {@code sessionsPerAddressPeriod} (a token bucket: this many at once, refilled evenly)
 * @param sessionsPerAddressPeriod the period of {@code sessionsPerAddress}
 */
@Validated
@ConfigurationProperties("uitweg.visitor.limits")
public record VisitorLimits(@DefaultValue("20") @Min(1) int sessionsPerAddress,
		@DefaultValue("1h") Duration sessionsPerAddressPeriod) {
}
