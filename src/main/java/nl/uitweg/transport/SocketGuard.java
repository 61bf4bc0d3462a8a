package nl.uitweg.transport;

import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * What both socket handlers do around their frames: ping the client, close it when
 * nothing (no frame, no pong) has come from it for the idle timeout (both on the
 * instance's {@link SocketTicker}, not on timers of its own), close it when a fragmented
 * message grows too large, and carry out the closes its connection asks for. A close that
 * cannot be written within the close timeout (a client that does not read) ends in a drop
 * of the TCP connection.
 * <p>
 * Closes are subscribed on their own: cancelling a close in flight (as disposing a timer
 * at the end of the connection would) makes Netty discard the close frame.
 */
final class SocketGuard {

	/** Nothing came from the client for the idle timeout; it may reconnect and resume. */
	static final CloseStatus IDLE = new CloseStatus(4408, "idle");

	private static final Logger log = LoggerFactory.getLogger(SocketGuard.class);

	private static final byte[] PING = new byte[0];

	private final WebSocketSession session;

	private final Outbound out;

	private final TransportProperties properties;

	private final Scheduler scheduler;

	private final String logId;

	private final SocketTicker ticker;

	private final Disposable closes;

	/** Fed by the ticker; no buffer of its own. */
	private final Sinks.Many<Boolean> pings = Sinks.many().multicast().directBestEffort();

	private volatile long lastHeard;

	SocketGuard(WebSocketSession session, Outbound out, TransportProperties properties, Scheduler scheduler,
			String logId, SocketTicker ticker) {
		this.session = session;
		this.out = out;
		this.properties = properties;
		this.scheduler = scheduler;
		this.logId = logId;
		this.ticker = ticker;
		this.lastHeard = now();
		this.closes = out.closeRequests().subscribe(this::close);
		ticker.add(this);
	}

	/** On the ticker: closes the connection if nothing came for the idle timeout. */
	void checkIdle() {
		if (now() - this.lastHeard >= this.properties.idleTimeout().toMillis()) {
			this.out.close(IDLE);
		}
	}

	/** On the ticker: a ping. */
	void ping() {
		this.pings.tryEmitNext(Boolean.TRUE);
	}

	/**
	 * The inbound messages, each one counted as a sign of life; a fragmented message
	 * above the frame limit closes the connection with 1009 and ends the stream.
	 */
	Flux<WebSocketMessage> inbound() {
		return this.session.receive()
			.doOnNext((message) -> this.lastHeard = now())
			.onErrorResume(TooLongFrameException.class, (ex) -> {
				this.out.close(CloseStatus.TOO_BIG_TO_PROCESS);
				return Mono.empty();
			});
	}

	/**
	 * The outbound frames with the pings merged in. Pings skip the frame buffer, and a
	 * ping the socket has no demand for is dropped: the next one comes soon enough.
	 */
	Flux<WebSocketMessage> outbound(Flux<String> frames) {
		Flux<WebSocketMessage> pings = this.pings.asFlux()
			.map((tick) -> this.session.pingMessage((factory) -> factory.wrap(PING)));
		return Flux.merge(frames.map(this.session::textMessage), pings);
	}

	/** The connection ended: no more pings or idle checks. */
	void stop() {
		this.ticker.remove(this);
		this.closes.dispose();
		this.pings.tryEmitComplete();
	}

	private void close(CloseStatus status) {
		log.info("Connection {} closed: {} {}", this.logId, status.getCode(),
				(status.getReason() != null) ? status.getReason() : "");
		this.session.close(status)
			.subscribe(null, (ex) -> log.debug("Close of {} failed: {}", this.logId, ex.toString()));
		// Not disposed with the connection: it must outlive a close frame that is stuck.
		Mono.delay(this.properties.closeTimeout(), this.scheduler)
			.subscribe((tick) -> EventLoopUpgradeStrategy.drop(this.session));
	}

	private long now() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

}
