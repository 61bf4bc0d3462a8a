package nl.uitweg.registration;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The taxonomy for every client, and the counsellor's registrations. */
@RestController
class RegistrationController {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private final Registrations registrations;

	RegistrationController(Registrations registrations) {
		this.registrations = registrations;
	}

	@GetMapping("/api/v1/taxonomy")
	Map<String, Object> taxonomy() {
		List<Map<String, Object>> fields = new ArrayList<>();
		for (Taxonomy.Field field : this.registrations.taxonomy()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", field.name());
			entry.put("multi", field.multi());
			entry.put("labels", Map.of("nl", field.nl(), "en", field.en()));
			field.onlyWith().ifPresent((code) -> entry.put("onlyWith", code));
			List<Map<String, Object>> codes = new ArrayList<>();
			field.codes()
				.forEach((code, label) -> codes
					.add(Map.of("code", code, "labels", Map.of("nl", label.nl(), "en", label.en()))));
			entry.put("codes", codes);
			fields.add(entry);
		}
		return Map.of("fields", fields);
	}

	@GetMapping("/api/v1/registrations/pending")
	Flux<Registrations.Pending> pending(Principal principal) {
		return this.registrations.pending(principal.getName());
	}

	@PutMapping("/api/v1/conversations/{id}/registration")
	Mono<ResponseEntity<Registration>> register(@PathVariable String id, @RequestBody JsonNode body,
			Principal principal) {
		if (!ID.matcher(id).matches()) {
			return Mono.error(new ConversationNotRegistrable(ConversationNotRegistrable.Reason.NOT_FOUND));
		}
		return this.registrations.register(id, principal.getName(), body)
			.map((saved) -> ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(saved.registration()));
	}

}
