package nl.uitweg.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

import nl.uitweg.platform.MetricNames;

/**
 * The sockets open on this instance, so that a shutdown can tell each client to reconnect
 * elsewhere before the instance goes, and refuse new ones meanwhile. Their number per
 * endpoint is the gauge {@code uitweg_websocket_connections} (an instance's own, unlike
 * the queue's gauges).
 */
@Component
class LiveSockets {

	/** 1012: the server is restarting; the client reconnects (to another instance). */
	static final CloseStatus SERVICE_RESTART = new CloseStatus(1012, "service restart");

	/** The two WebSocket endpoints, as the gauge's {@code endpoint} tag names them. */
	enum Endpoint {

		VISITOR("visitor"), COUNSELLOR("counsellor");

		private final String tag;

		Endpoint(String tag) {
			this.tag = tag;
		}

	}

	private final Map<Endpoint, Set<Outbound>> open = new EnumMap<>(Map.of(Endpoint.VISITOR,
			ConcurrentHashMap.newKeySet(), Endpoint.COUNSELLOR, ConcurrentHashMap.newKeySet()));

	private volatile boolean draining;

	LiveSockets(MeterRegistry meters) {
		for (Endpoint endpoint : Endpoint.values()) {
			Gauge.builder(MetricNames.WEBSOCKET_CONNECTIONS, this.open.get(endpoint), Set::size)
				.tag("endpoint", endpoint.tag)
				.description("WebSockets open on this instance")
				.register(meters);
		}
	}

	/** Registers a socket's outbound side; run the returned action when it closes. */
	Runnable register(Outbound out, Endpoint endpoint) {
		Set<Outbound> sockets = this.open.get(endpoint);
		sockets.add(out);
		if (this.draining) {
			out.close(SERVICE_RESTART);
		}
		return () -> sockets.remove(out);
	}

	boolean draining() {
		return this.draining;
	}

	/** From now on every socket, open or new, is closed with 1012. */
	void drain() {
		this.draining = true;
		this.open.values().forEach((sockets) -> sockets.forEach((out) -> out.close(SERVICE_RESTART)));
	}

	int count() {
		return this.open.values().stream().mapToInt(Set::size).sum();
	}

}
