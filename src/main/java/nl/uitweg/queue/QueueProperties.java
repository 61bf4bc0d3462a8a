package nl.uitweg.queue;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The waiting line and routing.
 *
 * @param offerTimeout how long a counsellor has to accept an offer before it goes to the
 * next one (and they are set to away)
 * @param declineCooldown how long a declined (or handed back) conversation is not offered
 * to the same counsellor again
 * @param dispatchInterval safety-net pass over the queue and the pending offers on every
 * instance (events trigger dispatch sooner)
 * @param positionRefresh how often waiting visitors' positions and estimates are
 * recomputed even if nothing changed
 * @param positionDebounce after a change of the queue, how long an instance waits before
 * it re-reads it and tells its waiting visitors their new places: changes within it are
 * taken together, so a surge of arrivals and offers sends each visitor at most one update
 * per period instead of one per change
 * @param serviceWindow how far back the service rate for wait estimates looks
 * @param minimumSamples assignments in the window needed before the rate is trusted
 * @param fallbackSecondsPerPosition the estimate per place in line while there is no rate
 * @param maxOffersPerPass offers one dispatch pass may make
 * @param dispatchScanLimit how far down the queue one pass looks past conversations
 * nobody eligible can take
 * @param routing {@code automatic}: offers go to the least-loaded available counsellor;
 * {@code manual}: counsellors take the next waiting conversation themselves
 * @param transferToQueueNl system message (Dutch) when a counsellor hands the
 * conversation back to the queue
 * @param transferToQueueEn the same in English
 * @param transferredNl system message (Dutch) when a colleague takes the conversation
 * over
 * @param transferredEn the same in English
 */
@Validated
@ConfigurationProperties("uitweg.queue")
public record QueueProperties(@DefaultValue("30s") Duration offerTimeout, @DefaultValue("60s") Duration declineCooldown,
		@DefaultValue("1s") Duration dispatchInterval, @DefaultValue("5s") Duration positionRefresh,
		@DefaultValue("1s") Duration positionDebounce, @DefaultValue("30m") Duration serviceWindow,
		@DefaultValue("3") @Min(1) int minimumSamples, @DefaultValue("120") @Min(1) int fallbackSecondsPerPosition,
		@DefaultValue("50") @Min(1) @Max(1000) int maxOffersPerPass,
		@DefaultValue("100") @Min(1) @Max(10000) int dispatchScanLimit, @DefaultValue("automatic") Routing routing,
		@DefaultValue("Je gesprek gaat naar een collega. Je staat vooraan en verliest niets van wat je schreef.") String transferToQueueNl,
		@DefaultValue("Your conversation is going to a colleague. You are first in line and lose nothing you wrote.") String transferToQueueEn,
		@DefaultValue("Een collega neemt het gesprek over en kan alles lezen wat je eerder schreef.") String transferredNl,
		@DefaultValue("A colleague is taking over and can read everything you wrote before.") String transferredEn) {

	/** How waiting conversations reach counsellors. */
	public enum Routing {

		AUTOMATIC, MANUAL

	}

}
