package nl.uitweg.counsellor;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a staff sign-in with the same work whatever the outcome: an unknown username is
 * checked against a dummy hash and a disabled account's password is checked too, so the
 * time an answer takes does not tell which usernames exist or are disabled. Hashing runs
 * off the event loop because it is deliberately slow.
 */
final class StaffAuthentication implements ReactiveAuthenticationManager {

	private final Function<String, Mono<StaffAccount>> accounts;

	private final PasswordEncoder passwords;

	/** Made once with the live encoder, so it costs what a real hash costs. */
	private final String dummyHash;

	StaffAuthentication(Function<String, Mono<StaffAccount>> accounts, PasswordEncoder passwords) {
		this.accounts = accounts;
		this.passwords = passwords;
		byte[] unguessable = new byte[32];
		new SecureRandom().nextBytes(unguessable);
		this.dummyHash = passwords.encode(Base64.getEncoder().encodeToString(unguessable));
	}

	@Override
	public Mono<Authentication> authenticate(Authentication request) {
		String username = request.getName();
		Object credentials = request.getCredentials();
		String password = (credentials != null) ? credentials.toString() : "";
		return Mono.defer(() -> this.accounts.apply(username))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.publishOn(Schedulers.boundedElastic())
			.flatMap((found) -> {
				String hash = found.map(StaffAccount::passwordHash).orElse(this.dummyHash);
				boolean matches = this.passwords.matches(password, hash);
				if (!matches || found.isEmpty() || !found.get().enabled()) {
					return Mono.error(new BadCredentialsException("Username or password is wrong."));
				}
				return Mono.just(authenticated(found.get()));
			});
	}

	private static Authentication authenticated(StaffAccount account) {
		return UsernamePasswordAuthenticationToken.authenticated(account.username(), null,
				account.roles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
	}

}
