package nl.uitweg.counsellor;

import java.time.Clock;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The staff accounts: look-up and creation. Passwords are stored only as hashes. */
@Service
public class StaffDirectory {

	private final StaffAccounts accounts;

	private final PasswordEncoder passwords;

	private final Clock clock;

	StaffDirectory(StaffAccounts accounts, PasswordEncoder passwords, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.clock = clock;
	}

	public Mono<StaffAccount> find(String username) {
		return this.accounts.findById(username);
	}

	Flux<StaffAccount> all() {
		return this.accounts.findAll();
	}

	/** Applies a change to an existing account; fails with {@link StaffNotFound}. */
	Mono<StaffAccount> change(String username, java.util.function.UnaryOperator<StaffAccount> change) {
		return this.accounts.findById(username)
			.switchIfEmpty(Mono.error(StaffNotFound::new))
			.map(change)
			.flatMap(this.accounts::save);
	}

	/** Sets a new password (hashed off the event loop). */
	Mono<StaffAccount> resetPassword(String username, String password) {
		return hash(password).flatMap((hash) -> change(username, (account) -> account.withPasswordHash(hash)));
	}

	Mono<Long> count() {
		return this.accounts.count();
	}

	/**
	 * Creates an account; fails with {@link UsernameTaken} when it exists. Hashing runs
	 * off the event loop because it is deliberately slow.
	 */
	public Mono<StaffAccount> create(String username, String password, String displayName, Set<Role> roles,
			int capacity) {
		return hash(password)
			.map((hash) -> new StaffAccount(username, hash, displayName, Set.copyOf(roles), capacity, true,
					this.clock.instant()))
			.flatMap(this::insert);
	}

	/**
	 * Off the event loop, because hashing is deliberately slow; a password the hash
	 * cannot take fails with {@link PasswordTooLong}.
	 */
	private Mono<String> hash(String password) {
		if (!Passwords.hashable(password)) {
			return Mono.error(new PasswordTooLong());
		}
		return Mono.fromCallable(() -> this.passwords.encode(password))
			.subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
	}

	private Mono<StaffAccount> insert(StaffAccount account) {
		return this.accounts.existsById(account.username())
			.flatMap((exists) -> exists ? Mono.error(new UsernameTaken()) : this.accounts.save(account))
			.onErrorMap(DuplicateKeyException.class, (ex) -> new UsernameTaken());
	}

}
