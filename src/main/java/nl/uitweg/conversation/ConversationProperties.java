package nl.uitweg.conversation;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Conversation relay and retention.
 *
 * @param maxMessageLength longest message text, in characters
 * @param textRetention how long message text stays after a conversation ends, for a last
 * resume; then Redis deletes it
 * @param outboxInterval how often metadata waiting in Redis is written to MongoDB
 * @param probeInterval how often a follower checks the head of the log, so a lost live
 * message is still delivered
 * @param blockDuration how long a blocked visitor's session and address stay blocked
 * @param storeRetry how long a message (and a follower's read of the log) keeps retrying
 * while Redis cannot be reached, before the message is refused by name
 * @param zone the helpline's time zone: the weeks, months and hours of the week that
 * statistics count in
 */
@Validated
@ConfigurationProperties("uitweg.conversation")
public record ConversationProperties(@DefaultValue("2000") @Min(1) @Max(20000) int maxMessageLength,
		@DefaultValue("10m") Duration textRetention, @DefaultValue("1s") Duration outboxInterval,
		@DefaultValue("5s") Duration probeInterval, @DefaultValue("24h") Duration blockDuration,
		@DefaultValue("10s") Duration storeRetry, @DefaultValue("Europe/Amsterdam") java.time.ZoneId zone) {
}
