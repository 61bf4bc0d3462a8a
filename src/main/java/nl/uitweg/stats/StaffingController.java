package nl.uitweg.stats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.uitweg.counsellor.CounsellorProperties;

/**
 * The coordinators' staffing advice per hour of the week, as JSON and as CSV. Left out,
 * the answer time is the live monitor's service level target and the capacity the
 * counsellors' default capacity.
 */
@RestController
class StaffingController {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final Staffing staffing;

	private final MonitorProperties monitor;

	private final CounsellorProperties counsellors;

	StaffingController(Staffing staffing, MonitorProperties monitor, CounsellorProperties counsellors) {
		this.staffing = staffing;
		this.monitor = monitor;
		this.counsellors = counsellors;
	}

	@GetMapping("/api/v1/stats/staffing")
	Mono<StaffingReport> staffing(@RequestParam(defaultValue = "8") int weeks,
			@RequestParam(defaultValue = "0.8") double target,
			@RequestParam(required = false) @Nullable Long answerWithinSeconds,
			@RequestParam(required = false) @Nullable Integer capacity) {
		return advise(weeks, target, answerWithinSeconds, capacity);
	}

	/** The same rows as {@link #staffing}, as a CSV download. */
	@GetMapping("/api/v1/stats/staffing/export.csv")
	Mono<ResponseEntity<String>> export(@RequestParam(defaultValue = "8") int weeks,
			@RequestParam(defaultValue = "0.8") double target,
			@RequestParam(required = false) @Nullable Long answerWithinSeconds,
			@RequestParam(required = false) @Nullable Integer capacity) {
		return advise(weeks, target, answerWithinSeconds, capacity).map((report) -> ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("staffing.csv").build().toString())
			.body(StaffingCsv.write(report)));
	}

	private Mono<StaffingReport> advise(int weeks, double target, @Nullable Long answerWithinSeconds,
			@Nullable Integer capacity) {
		Duration answerWithin = (answerWithinSeconds != null) ? Duration.ofSeconds(answerWithinSeconds)
				: this.monitor.serviceLevelTarget();
		int chatsPerCounsellor = (capacity != null) ? capacity : this.counsellors.defaultCapacity();
		return this.staffing.advise(weeks, target, answerWithin, chatsPerCounsellor);
	}

}
