package nl.uitweg.visitor;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Coordinators create and retire the campaigns whose codes visitors' links carry. */
@RestController
class CampaignController {

	private final Campaigns campaigns;

	CampaignController(Campaigns campaigns) {
		this.campaigns = campaigns;
	}

	record NewCampaign(@NotBlank @Pattern(regexp = Campaign.CODE_FORMAT) String code,
			@NotBlank @Size(max = Campaign.LABEL_LIMIT) String label) {
	}

	@GetMapping("/api/v1/admin/campaigns")
	Mono<List<Campaign>> list() {
		return this.campaigns.current();
	}

	@PostMapping("/api/v1/admin/campaigns")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Campaign> create(@Valid @RequestBody NewCampaign request) {
		return this.campaigns.create(request.code(), request.label());
	}

	@PostMapping("/api/v1/admin/campaigns/{code}/retire")
	Mono<Campaign> retire(@PathVariable String code) {
		return this.campaigns.retire(code);
	}

}
