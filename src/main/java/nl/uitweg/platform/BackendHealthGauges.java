package nl.uitweg.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code uitweg_backend_up{backend="redis"|"mongodb"}}: 1 while the health indicator of
 * {@code /actuator/health} says {@code UP}, else 0 (MongoDB's {@code DEGRADED} counts as
 * 0). The indicators are asked on a loop and the gauges read the last answer, because a
 * gauge is read on the scraping thread, which must never wait for a store.
 */
@Component
class BackendHealthGauges extends BackgroundLoop {

	/** Gauge tag value → name of the health contributor in {@code /actuator/health}. */
	private static final Map<String, String> BACKENDS = Map.of("redis", "redis", "mongodb", "mongo");

	private final ReactiveHealthContributorRegistry health;

	private final MetricsProperties properties;

	private final Timers timers;

	/** Last answer per backend; NaN until the first one (Prometheus shows it as such). */
	private final Map<String, Double> up = new ConcurrentHashMap<>();

	BackendHealthGauges(ReactiveHealthContributorRegistry health, MetricsProperties properties, Timers timers,
			MeterRegistry meters) {
		this.health = health;
		this.properties = properties;
		this.timers = timers;
		BACKENDS.keySet()
			.forEach((backend) -> Gauge
				.builder(MetricNames.BACKEND_UP, this.up, (map) -> map.getOrDefault(backend, Double.NaN))
				.tag("backend", backend)
				.description("1 while the backend's health indicator says UP, else 0")
				.register(meters));
	}

	@Override
	protected Flux<?> loop() {
		return passes(Flux.interval(java.time.Duration.ZERO, this.properties.refresh(), this.timers.scheduler()),
				() -> Flux.fromIterable(BACKENDS.entrySet())
					.flatMap((entry) -> check(entry.getValue()).doOnNext((value) -> this.up.put(entry.getKey(), value)))
					.then(Mono.just(true)),
				"Backend health gauges");
	}

	/**
	 * 1 for UP, 0 for anything else, a failure or no answer within the refresh interval.
	 */
	private Mono<Double> check(String contributor) {
		ReactiveHealthContributor found = this.health.getContributor(contributor);
		if (!(found instanceof ReactiveHealthIndicator indicator)) {
			return Mono.empty();
		}
		return indicator.health()
			.map((answer) -> Status.UP.equals(answer.getStatus()) ? 1.0 : 0.0)
			.timeout(this.properties.refresh(), this.timers.scheduler())
			.onErrorReturn(0.0);
	}

}
