package nl.uitweg.counsellor;

import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import nl.uitweg.platform.ApiProblem;

/** Coordinators manage counsellor accounts. */
@RestController
class AdminController {

	private final StaffDirectory directory;

	private final CounsellorProperties properties;

	AdminController(StaffDirectory directory, CounsellorProperties properties) {
		this.directory = directory;
		this.properties = properties;
	}

	record NewCounsellor(@NotBlank @Pattern(regexp = "[a-z0-9._-]{2,32}") String username,
			@NotBlank @Size(min = 8, max = 200) String password, @NotBlank @Size(max = 40) String displayName,
			@Nullable @Min(1) Integer capacity) {
	}

	@PostMapping("/api/v1/admin/counsellors")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<AuthController.StaffView> create(@Valid @RequestBody NewCounsellor request) {
		int capacity = (request.capacity() != null) ? request.capacity() : this.properties.defaultCapacity();
		if (capacity > this.properties.maxCapacity()) {
			return Mono.error(new ApiProblem(HttpStatus.BAD_REQUEST, "invalid_request",
					"Capacity may be at most " + this.properties.maxCapacity() + ".",
					java.util.Map.of("fields", java.util.List.of("capacity"))));
		}
		return this.directory
			.create(request.username(), request.password(), request.displayName().strip(), Set.of(Role.COUNSELLOR),
					capacity)
			.map(AuthController.StaffView::of);
	}

}
