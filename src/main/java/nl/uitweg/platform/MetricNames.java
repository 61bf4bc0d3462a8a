package nl.uitweg.platform;

import java.util.List;

/**
 * The one list of Uitweg's own metric names (Micrometer's dotted form; Prometheus shows
 * {@code uitweg_queue_waiting}, counters with {@code _total} and timers in seconds). The
 * modules register their meters under these names, docs/operations.md (*Metrics*)
 * describes them and the dashboard test checks deploy/grafana against a scrape. No meter
 * carries a tag that could name a conversation, a visitor, a counsellor or an address:
 * every tag has a handful of fixed values.
 */
public final class MetricNames {

	/** Gauge, cluster-wide: conversations waiting in the queue, by {@code band}. */
	public static final String QUEUE_WAITING = "uitweg.queue.waiting";

	/** Gauge, cluster-wide: conversations offered to a counsellor, not yet accepted. */
	public static final String QUEUE_OFFERED = "uitweg.queue.offered";

	/** Gauge, cluster-wide: the longest current wait, queue and offers together. */
	public static final String QUEUE_LONGEST_WAIT = "uitweg.queue.longest.wait";

	/** Timer: the wait from queued to the first answer, recorded where it is assigned. */
	public static final String QUEUE_WAIT = "uitweg.queue.wait";

	/** Counter: offers a counsellor let lapse. */
	public static final String OFFERS_LAPSED = "uitweg.offers.lapsed";

	/** Gauge, cluster-wide: conversations a counsellor holds. */
	public static final String CONVERSATIONS_ACTIVE = "uitweg.conversations.active";

	/** Counter: messages stored and relayed, by {@code sender}. */
	public static final String MESSAGES_RELAYED = "uitweg.messages.relayed";

	/** Counter: conversations picked up again after a reconnect, by {@code role}. */
	public static final String RESUMES = "uitweg.resumes";

	/** Gauge: WebSockets open on this instance, by {@code endpoint}. */
	public static final String WEBSOCKET_CONNECTIONS = "uitweg.websocket.connections";

	/**
	 * Gauge: 1 while a backend's health indicator says UP, else 0, by {@code backend}.
	 */
	public static final String BACKEND_UP = "uitweg.backend.up";

	/** Every name above. */
	public static final List<String> ALL = List.of(QUEUE_WAITING, QUEUE_OFFERED, QUEUE_LONGEST_WAIT, QUEUE_WAIT,
			OFFERS_LAPSED, CONVERSATIONS_ACTIVE, MESSAGES_RELAYED, RESUMES, WEBSOCKET_CONNECTIONS, BACKEND_UP);

	private MetricNames() {
	}

}
