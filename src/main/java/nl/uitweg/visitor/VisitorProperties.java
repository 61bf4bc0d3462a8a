package nl.uitweg.visitor;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Anonymous visitor sessions.
 *
 * @param sessionTtl how long a session (and its resume token) lives without a connection
 * @param afterLeave how long a session lingers after the visitor left (for feedback)
 * @param campaigns campaign codes created at start-up if the {@code campaigns} collection
 * lacks them (label = code); coordinators manage the rest over REST
 * @param locales languages a visitor may ask for; the first is the default
 * @param campaignRefresh how often an instance rereads the campaigns (changes made on the
 * instance itself apply at once)
 */
@ConfigurationProperties("uitweg.visitor")
public record VisitorProperties(@DefaultValue("12h") Duration sessionTtl, @DefaultValue("10m") Duration afterLeave,
		@DefaultValue("") List<String> campaigns, @DefaultValue("nl,en") List<String> locales,
		@DefaultValue("30s") Duration campaignRefresh) {
}
