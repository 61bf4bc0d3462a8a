package nl.uitweg.transport;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * WebSocket edges.
 *
 * @param helloTimeout how long a visitor connection may stay without a valid hello
 * @param resumeFallback how long a counsellor console has to send {@code resume} before
 * its open conversations are replayed after what it last acknowledged
 * @param allowedOrigins origins besides the site itself that may open either WebSocket
 * (for example {@code https://console.example.org})
 * @param maxFrameBytes the largest inbound message (one frame, or the frames of a
 * fragmented message together); above it the connection is closed with 1009
 * @param outboundBuffer how many outbound frames may wait for a client that does not read
 * before its connection is closed with 4008
 * @param pingInterval how often the server pings each connection
 * @param idleTimeout how long a connection may send nothing (no frame, no pong) before it
 * is closed with 4408
 * @param closeTimeout how long a close frame may wait to be written (to a client that
 * does not read) before the connection is dropped without it
 * @param drainTimeout how long a stopping instance waits for its sockets to close after
 * telling them to reconnect elsewhere (1012), before the web server shuts down
 */
@ConfigurationProperties("uitweg.transport")
@Validated
public record TransportProperties(@DefaultValue("10s") Duration helloTimeout,
		@DefaultValue("2s") Duration resumeFallback, @DefaultValue("") List<String> allowedOrigins,
		@DefaultValue("16KB") DataSize maxFrameBytes, @DefaultValue("1000") @Min(1) int outboundBuffer,
		@DefaultValue("25s") Duration pingInterval, @DefaultValue("60s") Duration idleTimeout,
		@DefaultValue("5s") Duration closeTimeout, @DefaultValue("10s") Duration drainTimeout) {
}
