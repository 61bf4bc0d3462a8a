package nl.uitweg.counsellor;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coordinators manage counsellor accounts. Disabling an account or setting its password
 * signs it out everywhere (see {@link StaffSessions#revoke}).
 */
@RestController
class AdminController {

	private final StaffDirectory directory;

	private final CounsellorProperties properties;

	private final CounsellorPresence presence;

	private final StaffSessions sessions;

	AdminController(StaffDirectory directory, CounsellorProperties properties, CounsellorPresence presence,
			StaffSessions sessions) {
		this.directory = directory;
		this.properties = properties;
		this.presence = presence;
		this.sessions = sessions;
	}

	/**
	 * The password's length is checked against {@code min-password-length} and the 72
	 * bytes the hash takes, with codes of their own.
	 */
	record NewCounsellor(@NotBlank @Pattern(regexp = "[a-z0-9._-]{2,32}") String username, @NotBlank String password,
			@NotBlank @Size(max = 40) String displayName, @Nullable @Min(1) Integer capacity) {
	}

	/** Any of the three may be left out. */
	record CounsellorChange(@Nullable @Size(min = 1, max = 40) String displayName, @Nullable @Min(1) Integer capacity,
			@Nullable Boolean enabled) {
	}

	record NewPassword(@NotBlank String password) {
	}

	record StaffEntry(String username, String displayName, List<String> roles, int capacity, boolean enabled) {

		static StaffEntry of(StaffAccount account) {
			return new StaffEntry(account.username(), account.displayName(),
					account.roles().stream().map(Role::name).sorted().toList(), account.capacity(), account.enabled());
		}

	}

	@PostMapping("/api/v1/admin/counsellors")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<AuthController.StaffView> create(@Valid @RequestBody NewCounsellor request) {
		int capacity = (request.capacity() != null) ? request.capacity() : this.properties.defaultCapacity();
		checkCapacity(capacity);
		Passwords.checkNew(request.password(), this.properties.minPasswordLength());
		return this.directory
			.create(request.username(), request.password(), request.displayName().strip(), Set.of(Role.COUNSELLOR),
					capacity)
			.map(AuthController.StaffView::of);
	}

	@GetMapping("/api/v1/admin/counsellors")
	Flux<StaffEntry> list() {
		return this.directory.all().filter((account) -> account.hasRole(Role.COUNSELLOR)).map(StaffEntry::of);
	}

	@PatchMapping("/api/v1/admin/counsellors/{username}")
	Mono<StaffEntry> change(@PathVariable String username, @Valid @RequestBody CounsellorChange change) {
		if (change.capacity() != null) {
			checkCapacity(change.capacity());
		}
		return this.directory
			.change(username,
					(account) -> new StaffAccount(account.username(), account.passwordHash(),
							(change.displayName() != null) ? change.displayName().strip() : account.displayName(),
							account.roles(), (change.capacity() != null) ? change.capacity() : account.capacity(),
							(change.enabled() != null) ? change.enabled() : account.enabled(), account.createdAt()))
			.flatMap((account) -> this.presence.accountChanged(account).thenReturn(account))
			.flatMap((account) -> Boolean.FALSE.equals(change.enabled())
					? this.sessions.revoke(username, SignOutReason.ACCOUNT_DISABLED).thenReturn(account)
					: Mono.just(account))
			.map(StaffEntry::of);
	}

	@PostMapping("/api/v1/admin/counsellors/{username}/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> resetPassword(@PathVariable String username, @Valid @RequestBody NewPassword request) {
		Passwords.checkNew(request.password(), this.properties.minPasswordLength());
		return this.directory.resetPassword(username, request.password())
			.then(this.sessions.revoke(username, SignOutReason.PASSWORD_RESET));
	}

	private void checkCapacity(int capacity) {
		if (capacity > this.properties.maxCapacity()) {
			throw new CapacityTooHigh(this.properties.maxCapacity());
		}
	}

}
