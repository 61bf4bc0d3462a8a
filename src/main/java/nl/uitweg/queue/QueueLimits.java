package nl.uitweg.queue;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the waiting line may grow and how often acute danger may jump it. A visitor
 * the system puts back in line (counsellor lost, handed back, offer declined or lapsed)
 * is never refused: these limits apply only to a new {@code start}.
 *
 * @param maxLength visitors who may wait in the queue (offers not counted) before a new
 * {@code start} is answered "full, try again in a while"
 * @param acuteReserve places beyond {@code maxLength} kept for starts that get acute
 * priority, so a queue filled by a flood still lets someone in danger in
 * @param fullRetryAfter the wait suggested to a visitor turned away by a full queue
 * @param acuteStarts starts with acute priority per keyed address hash per
 * {@code acuteStartsPeriod}; beyond it a start still goes ahead, in the normal order
 * @param acuteStartsPeriod the period of {@code acuteStarts}
 * @param acuteLimitedNl system message (Dutch) to a visitor who asked for acute priority
 * beyond {@code acuteStarts}
 * @param acuteLimitedEn the same in English
 */
@Validated
@ConfigurationProperties("uitweg.queue.limits")
public record QueueLimits(@DefaultValue("500") @Min(1) int maxLength, @DefaultValue("50") @Min(0) int acuteReserve,
		@DefaultValue("5m") Duration fullRetryAfter, @DefaultValue("3") @Min(1) int acuteStarts,
		@DefaultValue("1h") Duration acuteStartsPeriod,
		@DefaultValue("Je wacht in de gewone volgorde: vanaf jouw netwerk is de laatste tijd vaak met voorrang gestart. Ben je nu in direct gevaar? Bel 112.") String acuteLimitedNl,
		@DefaultValue("You are waiting in the normal order: priority was asked for often from your network lately. Are you in danger right now? Call 112.") String acuteLimitedEn) {

	/** The notice in the session's language ({@code nl} unless it is {@code en}). */
	public String acuteLimited(String locale) {
		return "en".equals(locale) ? this.acuteLimitedEn : this.acuteLimitedNl;
	}

}
