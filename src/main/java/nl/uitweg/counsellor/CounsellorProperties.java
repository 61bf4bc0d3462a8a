package nl.uitweg.counsellor;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Staff accounts, their sign-in and counsellor capacity.
 *
 * @param defaultCapacity conversations a counsellor carries at once unless set per
 * account
 * @param maxCapacity upper bound a coordinator may set
 * @param adminPassword password for the first coordinator; generated if blank
 * @param adminPasswordFile where a generated password for the first coordinator is
 * written (readable by the owner only) outside the {@code dev} and {@code demo} profiles
 * @param minPasswordLength shortest password a new account, a reset or the first
 * coordinator may have (the hash takes at most 72 bytes)
 * @param login limits on failed sign-ins
 */
@Validated
@ConfigurationProperties("uitweg.counsellor")
public record CounsellorProperties(@DefaultValue("3") @Min(1) @Max(10) int defaultCapacity,
		@DefaultValue("6") @Min(1) @Max(20) int maxCapacity, @DefaultValue("") String adminPassword,
		@DefaultValue("admin-password.txt") Path adminPasswordFile,
		@DefaultValue("12") @Min(8) @Max(72) int minPasswordLength, @DefaultValue @Valid Login login) {

	/**
	 * Failed sign-ins allowed before a lockout, per username and per keyed hash of the
	 * caller's address; each bucket refills evenly over the window, so after a lockout
	 * one more attempt comes free every {@code window / failures}.
	 *
	 * @param failuresPerUsername failed sign-ins per username per window
	 * @param failuresPerAddress failed sign-ins per address hash per window, whatever the
	 * usernames
	 * @param window the period over which the failures are counted
	 */
	public record Login(@DefaultValue("5") @Min(1) int failuresPerUsername,
			@DefaultValue("20") @Min(1) int failuresPerAddress, @DefaultValue("15m") Duration window) {
	}

}
