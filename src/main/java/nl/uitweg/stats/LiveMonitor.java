package nl.uitweg.stats;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Service;

import nl.uitweg.conversation.Conversations;
import nl.uitweg.counsellor.CounsellorPresence;
import nl.uitweg.counsellor.CounsellorStatus;
import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.Timers;
import nl.uitweg.queue.QueueMetrics;

/**
 * Computes the live snapshot once per interval on this instance, only while a coordinator
 * watches, and shares it with every watcher here: many coordinators cost no more Redis
 * reads than one.
 */
@Service
public class LiveMonitor extends BackgroundLoop {

	private static final Duration QUARTER = Duration.ofMinutes(15);

	private static final Duration HOUR = Duration.ofHours(1);

	private final QueueMetrics queue;

	private final CounsellorPresence counsellors;

	private final Conversations conversations;

	private final MonitorProperties properties;

	private final Clock clock;

	private final Timers timers;

	private final Sinks.Many<LiveSnapshot> snapshots = Sinks.many().replay().latest();

	LiveMonitor(QueueMetrics queue, CounsellorPresence counsellors, Conversations conversations,
			MonitorProperties properties, Clock clock, Timers timers) {
		this.queue = queue;
		this.counsellors = counsellors;
		this.conversations = conversations;
		this.properties = properties;
		this.clock = clock;
		this.timers = timers;
	}

	/** The latest snapshot first, then each new one. */
	public Flux<LiveSnapshot> snapshots() {
		return this.snapshots.asFlux();
	}

	Mono<LiveSnapshot> read() {
		Mono<List<CounsellorPresence.Standing>> standings = this.counsellors.signedIn().collectList();
		return Mono
			.zip(this.queue.load(), standings, this.conversations.activeCount(), this.queue.activity(QUARTER),
					this.queue.activity(HOUR))
			.map((t) -> snapshot(t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5()));
	}

	private LiveSnapshot snapshot(QueueMetrics.Load load, List<CounsellorPresence.Standing> standings, long active,
			QueueMetrics.Activity quarter, QueueMetrics.Activity hour) {
		long available = 0;
		long busy = 0;
		long away = 0;
		long free = 0;
		for (CounsellorPresence.Standing standing : standings) {
			if (standing.status() == CounsellorStatus.AWAY) {
				away++;
			}
			else if (standing.status() == CounsellorStatus.AVAILABLE) {
				free += Math.max(0, standing.capacity() - standing.load());
				if (standing.canTakeMore()) {
					available++;
				}
				else {
					busy++;
				}
			}
		}
		long queued = load.returning() + load.acute() + load.normal();
		return new LiveSnapshot(this.clock.instant(), queued + load.offered(),
				new LiveSnapshot.Priorities(load.acute(), load.returning(), load.normal()), load.offered(),
				load.longestWaitMillis() / 1000, available, busy, away, free, active, window(quarter), window(hour),
				this.properties.serviceLevelTarget().toSeconds());
	}

	private LiveSnapshot.Window window(QueueMetrics.Activity activity) {
		List<Long> waits = new ArrayList<>(activity.waitsMillis());
		Collections.sort(waits);
		long target = this.properties.serviceLevelTarget().toMillis();
		@Nullable Double serviceLevel = waits.isEmpty() ? null
				: waits.stream().filter((wait) -> wait <= target).count() / (double) waits.size();
		@Nullable Long median = waits.isEmpty() ? null : Math.round(median(waits) / 1000.0);
		return new LiveSnapshot.Window(activity.arrivals(), activity.answered(), activity.abandoned(), serviceLevel,
				median);
	}

	/** The middle value, or the mean of the two middle values. */
	static double median(List<Long> sorted) {
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
	}

	@Override
	protected Flux<?> loop() {
		Flux<Long> ticks = Flux.interval(Duration.ZERO, this.properties.interval(), this.timers.scheduler())
			.filter((tick) -> this.snapshots.currentSubscriberCount() > 0);
		return passes(ticks, this::read, "Live monitor snapshot").doOnNext(this.snapshots::tryEmitNext);
	}

}
