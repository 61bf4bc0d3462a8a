package nl.uitweg.stats;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.Conversations;
import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.MetricNames;
import nl.uitweg.platform.MetricsProperties;
import nl.uitweg.platform.Timers;
import nl.uitweg.queue.QueueMetrics;

/**
 * The gauges read from Redis, which every instance shares: the queue by band, open
 * offers, the longest wait and the active conversations. They are cluster-wide, so every
 * instance reports the same figure (aggregate with {@code max}, never {@code sum}). A
 * loop reads them every {@code uitweg.metrics.refresh} with the live monitor's cheap
 * counts, and a scrape reads the last values: a gauge is read on the scraping thread,
 * which must never wait for Redis. Before the first read they are NaN.
 */
@Component
class ClusterGauges extends BackgroundLoop {

	/** What the loop read last. */
	private record Figures(QueueMetrics.Load load, long active) {
	}

	private final AtomicReference<@Nullable Figures> last = new AtomicReference<>();

	private final QueueMetrics queue;

	private final Conversations conversations;

	private final MetricsProperties properties;

	private final Timers timers;

	ClusterGauges(QueueMetrics queue, Conversations conversations, MetricsProperties properties, Timers timers,
			MeterRegistry meters) {
		this.queue = queue;
		this.conversations = conversations;
		this.properties = properties;
		this.timers = timers;
		waiting(meters, "returning", QueueMetrics.Load::returning);
		waiting(meters, "acute", QueueMetrics.Load::acute);
		waiting(meters, "normal", QueueMetrics.Load::normal);
		gauge(meters, MetricNames.QUEUE_OFFERED, "Conversations offered to a counsellor, not yet accepted (cluster)",
				(figures) -> figures.load().offered());
		Gauge
			.builder(MetricNames.QUEUE_LONGEST_WAIT, this.last,
					(ref) -> read(ref, (figures) -> figures.load().longestWaitMillis() / 1000.0))
			.baseUnit("seconds")
			.description("The longest current wait, queue and offers together (cluster)")
			.register(meters);
		gauge(meters, MetricNames.CONVERSATIONS_ACTIVE, "Conversations a counsellor holds (cluster)", Figures::active);
	}

	private void waiting(MeterRegistry meters, String band, ToDoubleFunction<QueueMetrics.Load> count) {
		Gauge
			.builder(MetricNames.QUEUE_WAITING, this.last,
					(ref) -> read(ref, (figures) -> count.applyAsDouble(figures.load())))
			.tag("band", band)
			.description("Conversations waiting in the queue, by priority band (cluster)")
			.register(meters);
	}

	private void gauge(MeterRegistry meters, String name, String description, ToDoubleFunction<Figures> value) {
		Gauge.builder(name, this.last, (ref) -> read(ref, value)).description(description).register(meters);
	}

	private static double read(AtomicReference<Figures> ref, ToDoubleFunction<Figures> value) {
		Figures figures = ref.get();
		return (figures != null) ? value.applyAsDouble(figures) : Double.NaN;
	}

	@Override
	protected Flux<?> loop() {
		return passes(Flux.interval(Duration.ZERO, this.properties.refresh(), this.timers.scheduler()),
				() -> Mono.zip(this.queue.load(), this.conversations.activeCount())
					.doOnNext((t) -> this.last.set(new Figures(t.getT1(), t.getT2())))
					// No figure rather than a stale one while Redis does not answer.
					.doOnError((ex) -> this.last.set(null)),
				"Metrics gauges");
	}

}
