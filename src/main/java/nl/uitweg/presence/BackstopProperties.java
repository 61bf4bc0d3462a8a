package nl.uitweg.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The longest a conversation may stay open, whatever its sockets say: a half-open
 * connection keeps vouching for a conversation nobody is in.
 *
 * @param maxQueued a conversation nobody has answered yet (waiting or offered) ends as
 * {@code expired} this long after the visitor asked for help
 * @param maxActive a conversation a counsellor has answered ends as {@code expired} this
 * long after the first answer, also when it went back to the queue since
 * @param sweepInterval how often every instance looks for such conversations
 */
@ConfigurationProperties("uitweg.presence.backstop")
public record BackstopProperties(@DefaultValue("2h") Duration maxQueued, @DefaultValue("8h") Duration maxActive,
		@DefaultValue("1m") Duration sweepInterval) {
}
