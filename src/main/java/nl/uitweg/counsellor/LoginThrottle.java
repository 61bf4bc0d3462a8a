package nl.uitweg.counsellor;

import java.net.InetAddress;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.platform.RateLimits;
import nl.uitweg.platform.RateLimits.Decision;
import nl.uitweg.platform.RateLimits.Limit;
import nl.uitweg.visitor.AddressHashes;

/**
 * Failed staff sign-ins per username and per keyed hash of the caller's address, in
 * buckets shared by every instance. A sign-in looks first (without taking), so a locked
 * username costs no password hash; a failure takes from both buckets; a success forgets
 * the username's failures but not the address's, so one good account cannot clear the way
 * for guessing at others.
 * <p>
 * The username bucket is keyed by a hash of what was typed, existing or not (people type
 * passwords into the username field), so the answer is the same for unknown usernames.
 */
@Component
class LoginThrottle {

	private final RateLimits limits;

	private final AddressHashes addresses;

	private final Limit perUsername;

	private final Limit perAddress;

	LoginThrottle(RateLimits limits, AddressHashes addresses, CounsellorProperties properties) {
		this.limits = limits;
		this.addresses = addresses;
		CounsellorProperties.Login login = properties.login();
		this.perUsername = new Limit("login-user", login.failuresPerUsername(), login.window());
		this.perAddress = new Limit("login-addr", login.failuresPerAddress(), login.window());
	}

	/**
	 * Whose failures a sign-in counts against; the address hash is absent without one.
	 */
	record Subjects(String username, @Nullable String address) {
	}

	Mono<Subjects> subjects(String username, @Nullable InetAddress address) {
		String user = Digests.sha256(username);
		if (address == null) {
			return Mono.just(new Subjects(user, null));
		}
		return this.addresses.current(address)
			.map((hash) -> new Subjects(user, hash))
			// Like the limits themselves: Redis failing is not the caller's fault.
			.onErrorResume((ex) -> Mono.just(new Subjects(user, null)))
			.defaultIfEmpty(new Subjects(user, null));
	}

	/** Refused while either bucket is empty, with the longer of the waits. */
	Mono<Decision> check(Subjects subjects) {
		return buckets(subjects, this.limits::peek).reduce(LoginThrottle::stricter);
	}

	Mono<Void> failed(Subjects subjects) {
		return buckets(subjects, this.limits::take).then();
	}

	Mono<Void> succeeded(Subjects subjects) {
		return this.limits.reset(this.perUsername, subjects.username());
	}

	private Flux<Decision> buckets(Subjects subjects, Step step) {
		Mono<Decision> user = step.apply(this.perUsername, subjects.username());
		String address = subjects.address();
		return (address != null) ? Flux.concat(user, step.apply(this.perAddress, address)) : user.flux();
	}

	private static Decision stricter(Decision a, Decision b) {
		if (a.allowed() != b.allowed()) {
			return a.allowed() ? b : a;
		}
		Duration longer = (a.retryAfter().compareTo(b.retryAfter()) >= 0) ? a.retryAfter() : b.retryAfter();
		return new Decision(a.allowed(), longer);
	}

	@FunctionalInterface
	private interface Step {

		Mono<Decision> apply(Limit limit, String subject);

	}

}
