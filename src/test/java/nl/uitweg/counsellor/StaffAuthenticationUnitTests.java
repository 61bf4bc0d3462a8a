package nl.uitweg.counsellor;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sign-in runs exactly one password check, whether the username exists, the account
 * is disabled or the password is wrong, so the time an answer takes tells nothing.
 */
class StaffAuthenticationUnitTests {

	private final CountingEncoder encoder = new CountingEncoder(
			PasswordEncoderFactories.createDelegatingPasswordEncoder());

	private final Map<String, StaffAccount> accounts = Map.of("sam", account("sam", true), "kim",
			account("kim", false));

	private final StaffAuthentication authentication = new StaffAuthentication(
			(username) -> Mono.justOrEmpty(this.accounts.get(username)), this.encoder);

	@Test
	void anUnknownUsernameIsCheckedAgainstTheDummyHash() {
		int before = this.encoder.matches.get();
		signIn("nobody", "right-password-123").expectError(BadCredentialsException.class)
			.verify(Duration.ofSeconds(10));
		assertThat(this.encoder.matches.get() - before).isEqualTo(1);
	}

	@Test
	void aDisabledAccountsPasswordIsCheckedTooAndStillRefused() {
		int before = this.encoder.matches.get();
		signIn("kim", "right-password-123").expectError(BadCredentialsException.class).verify(Duration.ofSeconds(10));
		assertThat(this.encoder.matches.get() - before).isEqualTo(1);
	}

	@Test
	void aWrongAndARightPasswordCostTheSame() {
		int before = this.encoder.matches.get();
		signIn("sam", "wrong-password").expectError(BadCredentialsException.class).verify(Duration.ofSeconds(10));
		signIn("sam", "right-password-123")
			.assertNext((signedIn) -> assertThat(signedIn.getAuthorities()).extracting(Object::toString)
				.containsExactly("ROLE_COUNSELLOR"))
			.verifyComplete();
		assertThat(this.encoder.matches.get() - before).isEqualTo(2);
	}

	private StepVerifier.FirstStep<org.springframework.security.core.Authentication> signIn(String username,
			String password) {
		return StepVerifier.create(this.authentication
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password)));
	}

	private StaffAccount account(String username, boolean enabled) {
		return new StaffAccount(username, this.encoder.encode("right-password-123"), username, Set.of(Role.COUNSELLOR),
				2, enabled, Instant.EPOCH);
	}

	/** The real encoder, counting its checks. */
	private static final class CountingEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate;

		private final AtomicInteger matches = new AtomicInteger();

		CountingEncoder(PasswordEncoder delegate) {
			this.delegate = delegate;
		}

		@Override
		public String encode(CharSequence raw) {
			return this.delegate.encode(raw);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			this.matches.incrementAndGet();
			return this.delegate.matches(raw, encoded);
		}

	}

}
