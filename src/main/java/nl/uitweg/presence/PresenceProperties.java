package nl.uitweg.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Heartbeats and grace periods.
 *
 * @param heartbeatInterval how often an instance vouches for the connections it holds
 * @param connectionTimeout a connection not vouched for this long counts as gone (its
 * instance died); keep it a few heartbeats long
 * @param visitorGrace how long a disconnected visitor keeps their place or conversation
 * @param counsellorGrace how long a disconnected counsellor keeps their conversations
 * @param sweepInterval how often every instance looks for who is gone
 * @param counsellorLostNl system message to the visitor (Dutch) when their counsellor is
 * gone
 * @param counsellorLostEn the same in English
 */
@ConfigurationProperties("uitweg.presence")
public record PresenceProperties(@DefaultValue("5s") Duration heartbeatInterval,
		@DefaultValue("15s") Duration connectionTimeout, @DefaultValue("2m") Duration visitorGrace,
		@DefaultValue("60s") Duration counsellorGrace, @DefaultValue("2s") Duration sweepInterval,
		@DefaultValue("De verbinding met je gesprekspartner is verbroken. We zoeken zo snel mogelijk iemand anders voor je; je staat vooraan.") String counsellorLostNl,
		@DefaultValue("The connection to your counsellor was lost. We are finding someone else for you as fast as we can; you are first in line.") String counsellorLostEn) {
}
