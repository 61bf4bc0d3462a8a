package nl.uitweg.counsellor;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Coordinators keep the canned responses; counsellors list them. */
@RestController
class CannedResponseController {

	private final ReactiveMongoTemplate mongo;

	CannedResponseController(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	record CannedResponseBody(@NotBlank @Size(max = 80) String title, @NotBlank @Size(max = 2000) String text,
			@Nullable @Size(max = 120) String partner, @Nullable @Size(max = 200) String contact) {
	}

	@GetMapping("/api/v1/canned-responses")
	Flux<CannedResponse> list() {
		return this.mongo.find(new Query().with(Sort.by("title")), CannedResponse.class);
	}

	@PostMapping("/api/v1/admin/canned-responses")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<CannedResponse> create(@Valid @RequestBody CannedResponseBody body) {
		return this.mongo.insert(new CannedResponse(UUID.randomUUID().toString(), body.title().strip(), body.text(),
				body.partner(), body.contact()));
	}

	@PutMapping("/api/v1/admin/canned-responses/{id}")
	Mono<CannedResponse> replace(@PathVariable String id, @Valid @RequestBody CannedResponseBody body) {
		return this.mongo.findById(id, CannedResponse.class)
			.switchIfEmpty(Mono.error(CannedResponseNotFound::new))
			.flatMap((existing) -> this.mongo
				.save(new CannedResponse(id, body.title().strip(), body.text(), body.partner(), body.contact())));
	}

	@DeleteMapping("/api/v1/admin/canned-responses/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> delete(@PathVariable String id) {
		return this.mongo.findById(id, CannedResponse.class)
			.switchIfEmpty(Mono.error(CannedResponseNotFound::new))
			.flatMap(this.mongo::remove)
			.then();
	}

}
