package nl.uitweg.queue;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import nl.uitweg.platform.MetricNames;

/**
 * The queue's events on this instance, counted where its scripts report them: the wait of
 * each first answer ({@code accept} and {@code take_next}) and lapsed offers. The
 * cluster-wide gauges of the queue are refreshed elsewhere ({@code stats}).
 */
@Component
class QueueMeters {

	private final Timer waits;

	private final Counter lapsed;

	QueueMeters(MeterRegistry meters) {
		// The buckets (service-level objectives) come from
		// management.metrics.distribution.slo in application.yml.
		this.waits = Timer.builder(MetricNames.QUEUE_WAIT)
			.description("Wait from queued to the first answer, per answered conversation")
			.register(meters);
		this.lapsed = Counter.builder(MetricNames.OFFERS_LAPSED)
			.description("Offers a counsellor let lapse")
			.register(meters);
	}

	/**
	 * An assignment: the reply of {@code accept.lua} or {@code take-next.lua} names,
	 * third, the wait in ms of a first answer, or -1 for a later one (after a requeue),
	 * which is not recorded again.
	 */
	void answered(List<Object> reply) {
		long waitMillis = (reply.size() > 2) ? (long) Double.parseDouble(String.valueOf(reply.get(2))) : -1;
		if (waitMillis >= 0) {
			this.waits.record(Duration.ofMillis(waitMillis));
		}
	}

	void lapsed(int offers) {
		this.lapsed.increment(offers);
	}

}
