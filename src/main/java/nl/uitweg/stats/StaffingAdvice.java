package nl.uitweg.stats;

/**
 * The staffing advice for one hour of the week, as the Erlang C model works it out from
 * that hour's demand.
 *
 * @param hourOfWeek 0 for Monday 00:00-01:00 up to 167 for Sunday 23:00-24:00, in the
 * helpline's time zone
 * @param arrivalsPerHour chats offered in that hour
 * @param meanHandlingSeconds mean real duration of a chat
 * @param offeredErlangs the offered load: arrivals per hour times handling hours
 * @param agentsNeeded chat slots needed to meet the service level target, at most
 * {@code ErlangC.MAX_AGENTS} (10,000)
 * @param counsellorsNeeded counsellors needed when each holds a number of chats at once
 * @param serviceLevel share of chats answered within the target time with that many
 * agents
 * @param probabilityOfWaiting share of chats that wait at all with that many agents
 * @param averageSpeedOfAnswerSeconds mean wait over all chats, those that do not wait
 * included; infinite when the load is beyond the cap
 * @param targetMet whether the service level target is met; only false when the cap of
 * 10,000 agents was reached
 */
public record StaffingAdvice(int hourOfWeek, double arrivalsPerHour, double meanHandlingSeconds, double offeredErlangs,
		int agentsNeeded, int counsellorsNeeded, double serviceLevel, double probabilityOfWaiting,
		double averageSpeedOfAnswerSeconds, boolean targetMet) {

	/** Hours in a week, so hours of the week run from 0 to 167. */
	public static final int HOURS_PER_WEEK = 168;

	public StaffingAdvice {
		if (hourOfWeek < 0 || hourOfWeek >= HOURS_PER_WEEK) {
			throw new IllegalArgumentException("hourOfWeek must be 0.." + (HOURS_PER_WEEK - 1) + ": " + hourOfWeek);
		}
	}

}
