package nl.uitweg.stats;

import java.time.Duration;

import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The coordinators' live view of demand, as Server-Sent Events. */
@RestController
class MonitorController {

	private final LiveMonitor monitor;

	private final MonitorProperties properties;

	MonitorController(LiveMonitor monitor, MonitorProperties properties) {
		this.monitor = monitor;
		this.properties = properties;
	}

	/**
	 * A {@code snapshot} event at once and then every interval (1 s by default; never
	 * more than 2 s apart while Redis answers).
	 */
	@GetMapping(path = "/api/v1/monitor/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<LiveSnapshot>> live() {
		Duration retry = this.properties.interval().multipliedBy(2);
		return this.monitor.snapshots()
			.map((snapshot) -> ServerSentEvent.builder(snapshot)
				.event("snapshot")
				.id(snapshot.at().toString())
				.retry(retry)
				.build());
	}

}
