package nl.uitweg.stats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

import nl.uitweg.stats.disclosure.Disclosed;

/**
 * The staffing advice for every hour of the week, from the demand of the last full weeks,
 * beside the counsellors who were available then.
 *
 * @param weeks how many full weeks the demand was taken from
 * @param target share of chats to answer within {@code answerWithinSeconds}
 * @param answerWithinSeconds the target answer time
 * @param capacity chats a counsellor holds at once
 * @param k the disclosure threshold the figures were published with
 * @param zone the helpline's time zone, the one the hours of the week are in
 * @param from start of the first hour counted
 * @param to end of the last hour counted (the start of the current hour)
 * @param hours one entry per hour of the week, 0 (Monday 00:00) to 167
 */
public record StaffingReport(int weeks, double target, long answerWithinSeconds, int capacity, int k, ZoneId zone,
		Instant from, Instant to, List<Hour> hours) {

	/**
	 * One hour of the week. The demand figures are {@code null} where there is nothing to
	 * show, and suppressed where they would describe fewer than k conversations; the
	 * counsellors needed are a staffing number and always shown.
	 *
	 * @param hourOfWeek 0 for Monday 00:00-01:00 up to 167
	 * @param day the day of the week
	 * @param hour the hour of the day, 0 to 23
	 * @param arrivalsPerHour contacts in this hour of the week over the weeks, divided by
	 * the weeks; suppressed when there were 1 to k-1 contacts
	 * @param meanHandlingSeconds mean active time of the answered conversations of this
	 * hour; suppressed when fewer than k were answered, {@code null} when none were
	 * @param agentsNeeded chat slots needed to reach the target (Erlang C)
	 * @param counsellorsNeeded counsellors needed, each holding {@code capacity} chats
	 * @param serviceLevel the share answered within the target time with that many
	 * agents; suppressed with the figures it is computed from
	 * @param averageSpeedOfAnswerSeconds the mean wait with that many agents; suppressed
	 * with the figures it is computed from
	 * @param available mean number of counsellors signed in as available in this hour,
	 * over the minutes sampled; {@code null} when none was sampled
	 */
	public record Hour(int hourOfWeek, DayOfWeek day, int hour,
			@JsonSerialize(using = DisclosedJson.class) Disclosed<Double> arrivalsPerHour,
			@JsonSerialize(using = DisclosedJson.class) @Nullable Disclosed<Double> meanHandlingSeconds,
			int agentsNeeded, int counsellorsNeeded,
			@JsonSerialize(using = DisclosedJson.class) Disclosed<Double> serviceLevel,
			@JsonSerialize(using = DisclosedJson.class) @Nullable Disclosed<Double> averageSpeedOfAnswerSeconds,
			@Nullable Double available) {
	}

}
