package nl.uitweg.conversation;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How sure "sent" is when Redis runs with replicas (a Sentinel set-up): Redis replicates
 * asynchronously, so a primary that dies right after a write can take it with it. With
 * {@code replicas} above zero a message is acknowledged only once that many replicas have
 * it (Redis {@code WAIT}); otherwise the client is told to send it again, which stores it
 * once (its client message id).
 *
 * @param replicas how many replicas must hold a message before it is acknowledged (0: do
 * not wait, for a single Redis)
 * @param timeout how long to wait for them before the message is refused as
 * {@code store_unavailable}, to be sent again
 */
@Validated
@ConfigurationProperties("uitweg.conversation.replication")
public record ReplicationProperties(@DefaultValue("0") @Min(0) int replicas, @DefaultValue("500ms") Duration timeout) {
}
