package nl.uitweg.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The sockets open on this instance, so that a shutdown can tell each client to reconnect
 * elsewhere before the instance goes, and refuse new ones meanwhile.
 */
@Component
class LiveSockets {

	/** 1012: the server is restarting; the client reconnects (to another instance). */
	static final CloseStatus SERVICE_RESTART = new CloseStatus(1012, "service restart");

	private final Set<Outbound> open = ConcurrentHashMap.newKeySet();

	private volatile boolean draining;

	/** Registers a socket's outbound side; run the returned action when it closes. */
	Runnable register(Outbound out) {
		this.open.add(out);
		if (this.draining) {
			out.close(SERVICE_RESTART);
		}
		return () -> this.open.remove(out);
	}

	boolean draining() {
		return this.draining;
	}

	/** From now on every socket, open or new, is closed with 1012. */
	void drain() {
		this.draining = true;
		this.open.forEach((out) -> out.close(SERVICE_RESTART));
	}

	int count() {
		return this.open.size();
	}

}
