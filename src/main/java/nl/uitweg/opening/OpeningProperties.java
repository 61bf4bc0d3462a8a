package nl.uitweg.opening;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a visitor is told when the helpline is closed, and how fresh each instance keeps
 * the schedule.
 *
 * @param alternatives where to go instead, in this order
 * @param refresh how often an instance rereads the schedule (changes made on the instance
 * itself apply at once)
 */
@ConfigurationProperties("uitweg.opening")
public record OpeningProperties(@DefaultValue List<Alternative> alternatives, @DefaultValue("30s") Duration refresh) {

	/** Another place to turn to. */
	public record Alternative(String name, String when) {
	}

	public List<Alternative> alternativesOrDefault() {
		return this.alternatives.isEmpty()
				? List.of(new Alternative("112", "acute danger"),
						new Alternative("Kindertelefoon 0800-0432", "to talk to someone now, free and anonymous"))
				: this.alternatives;
	}

}
