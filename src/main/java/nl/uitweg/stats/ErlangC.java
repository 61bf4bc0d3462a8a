package nl.uitweg.stats;

import java.time.Duration;

/**
 * Works out how many counsellors an hour of the week needs from its demand, with the
 * Erlang C model of a queue with {@code N} agents: the smallest {@code N} whose service
 * level (share of chats answered within the target answer time) reaches the target.
 *
 * <p>
 * <b>Chats at once.</b> A counsellor who holds up to {@code c} chats at once counts as
 * {@code c} agents, and the mean handling time is the real duration of a chat as it went
 * under that concurrency, so it already holds the slowdown of doing several at once.
 * Counsellors needed is then {@code ceil(N / c)}. Any free slot of any counsellor may
 * take the next chat, as routing does.
 *
 * <p>
 * <b>What the model leaves out.</b> Erlang C assumes random (Poisson) arrivals,
 * exponential handling times, a steady hour and visitors who never give up. Visitors do
 * give up, which shortens the real waits, so the advice errs on the generous side.
 *
 * <p>
 * <b>Edge cases.</b> No arrivals need no agents. Arrivals with a handling time of zero
 * need one agent, who answers them all at once. A target share of 0 asks only for a queue
 * that does not grow without bound ({@code N > A}). A target share of 1 cannot be met by
 * any finite {@code N} in theory; here it gives the first {@code N} at which the service
 * level rounds to 1 in double precision, that is the share that waits longer than the
 * target is below about 1e-16. {@code N} is capped at {@link #MAX_AGENTS}: a load that
 * needs more says so with {@link StaffingAdvice#targetMet()} false.
 */
final class ErlangC {

	/** The most agents an hour is ever advised, far beyond any helpline's roster. */
	static final int MAX_AGENTS = 10_000;

	private static final double SECONDS_PER_HOUR = 3600.0;

	private final double targetShare;

	private final double targetAnswerSeconds;

	private final int chatsPerCounsellor;

	/**
	 * @param targetShare share of chats to answer within the target time, from 0 to 1
	 * @param targetAnswerTime the target answer time, zero or more
	 * @param chatsPerCounsellor the chats a counsellor holds at once, one or more
	 */
	ErlangC(double targetShare, Duration targetAnswerTime, int chatsPerCounsellor) {
		if (!(targetShare >= 0.0 && targetShare <= 1.0)) {
			throw new IllegalArgumentException("targetShare must be from 0 to 1: " + targetShare);
		}
		if (targetAnswerTime.isNegative()) {
			throw new IllegalArgumentException("targetAnswerTime must not be negative: " + targetAnswerTime);
		}
		if (chatsPerCounsellor < 1) {
			throw new IllegalArgumentException("chatsPerCounsellor must be 1 or more: " + chatsPerCounsellor);
		}
		this.targetShare = targetShare;
		this.targetAnswerSeconds = targetAnswerTime.toNanos() / 1e9;
		this.chatsPerCounsellor = chatsPerCounsellor;
	}

	/**
	 * The advice for one hour of the week.
	 * @param hourOfWeek 0 (Monday 00:00) to 167
	 * @param arrivalsPerHour chats offered in the hour, zero or more
	 * @param meanHandlingSeconds mean real duration of a chat, zero or more
	 */
	StaffingAdvice advise(int hourOfWeek, double arrivalsPerHour, double meanHandlingSeconds) {
		double erlangs = offeredLoad(arrivalsPerHour, meanHandlingSeconds);
		if (arrivalsPerHour == 0.0) {
			return new StaffingAdvice(hourOfWeek, arrivalsPerHour, meanHandlingSeconds, erlangs, 0, 0, 1.0, 0.0, 0.0,
					true);
		}
		double erlangB = 1.0;
		for (int agents = 1; agents <= MAX_AGENTS; agents++) {
			erlangB = nextErlangB(agents, erlangs, erlangB);
			if (agents > erlangs) {
				double waiting = erlangC(agents, erlangs, erlangB);
				double serviceLevel = serviceLevel(waiting, agents, erlangs, meanHandlingSeconds,
						this.targetAnswerSeconds);
				boolean targetMet = serviceLevel >= this.targetShare;
				if (targetMet || agents == MAX_AGENTS) {
					return new StaffingAdvice(hourOfWeek, arrivalsPerHour, meanHandlingSeconds, erlangs, agents,
							counsellors(agents), serviceLevel, waiting,
							averageSpeedOfAnswer(waiting, agents, erlangs, meanHandlingSeconds), targetMet);
				}
			}
		}
		return new StaffingAdvice(hourOfWeek, arrivalsPerHour, meanHandlingSeconds, erlangs, MAX_AGENTS,
				counsellors(MAX_AGENTS), 0.0, 1.0, Double.POSITIVE_INFINITY, false);
	}

	private int counsellors(int agents) {
		return (agents + this.chatsPerCounsellor - 1) / this.chatsPerCounsellor;
	}

	/**
	 * The offered load in Erlangs: arrivals per hour times the handling time in hours.
	 */
	static double offeredLoad(double arrivalsPerHour, double meanHandlingSeconds) {
		if (!(arrivalsPerHour >= 0.0 && Double.isFinite(arrivalsPerHour))) {
			throw new IllegalArgumentException("arrivalsPerHour must be finite and not negative: " + arrivalsPerHour);
		}
		if (!(meanHandlingSeconds >= 0.0 && Double.isFinite(meanHandlingSeconds))) {
			throw new IllegalArgumentException(
					"meanHandlingSeconds must be finite and not negative: " + meanHandlingSeconds);
		}
		return arrivalsPerHour * meanHandlingSeconds / SECONDS_PER_HOUR;
	}

	/**
	 * Erlang C: the probability that a chat waits at all with {@code agents} agents and
	 * {@code erlangs} offered load; 1 when {@code agents <= erlangs}, where the queue
	 * grows without bound.
	 */
	static double probabilityOfWaiting(int agents, double erlangs) {
		if (agents <= erlangs) {
			return 1.0;
		}
		double erlangB = 1.0;
		for (int n = 1; n <= agents; n++) {
			erlangB = nextErlangB(n, erlangs, erlangB);
		}
		return erlangC(agents, erlangs, erlangB);
	}

	/** Share of chats answered within {@code targetAnswerSeconds}. */
	static double serviceLevel(int agents, double erlangs, double meanHandlingSeconds, double targetAnswerSeconds) {
		return serviceLevel(probabilityOfWaiting(agents, erlangs), agents, erlangs, meanHandlingSeconds,
				targetAnswerSeconds);
	}

	/**
	 * Mean wait in seconds over all chats; infinite when the queue grows without bound.
	 */
	static double averageSpeedOfAnswer(int agents, double erlangs, double meanHandlingSeconds) {
		return averageSpeedOfAnswer(probabilityOfWaiting(agents, erlangs), agents, erlangs, meanHandlingSeconds);
	}

	/**
	 * Erlang B for {@code n} agents from Erlang B for {@code n - 1}, B(0) = 1: no
	 * factorials or powers, so it neither overflows nor loses precision at high loads.
	 */
	private static double nextErlangB(int n, double erlangs, double previous) {
		return erlangs * previous / (n + erlangs * previous);
	}

	private static double erlangC(int agents, double erlangs, double erlangB) {
		return agents * erlangB / (agents - erlangs * (1.0 - erlangB));
	}

	private static double serviceLevel(double waiting, int agents, double erlangs, double meanHandlingSeconds,
			double targetAnswerSeconds) {
		if (agents <= erlangs) {
			return 0.0;
		}
		if (waiting == 0.0) {
			// No load at all, which also covers a handling time of zero.
			return 1.0;
		}
		return 1.0 - waiting * Math.exp(-(agents - erlangs) * targetAnswerSeconds / meanHandlingSeconds);
	}

	private static double averageSpeedOfAnswer(double waiting, int agents, double erlangs, double meanHandlingSeconds) {
		if (agents <= erlangs) {
			return Double.POSITIVE_INFINITY;
		}
		return waiting * meanHandlingSeconds / (agents - erlangs);
	}

}
