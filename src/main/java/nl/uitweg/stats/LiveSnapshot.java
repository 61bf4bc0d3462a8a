package nl.uitweg.stats;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What the coordinators' live monitor shows at one moment, computed from Redis. These are
 * operational figures for staff, not published statistics: nothing in them describes a
 * visitor beyond the priority they waited with.
 *
 * @param at when it was computed
 * @param waiting visitors waiting for a counsellor: in the queue or offered, not yet
 * accepted
 * @param waitingByPriority the waiting visitors in the queue by priority
 * @param offered of the waiting, those offered to a counsellor who has not answered yet
 * @param longestWaitSeconds the longest current wait
 * @param counsellorsAvailable signed in, available and with room for another conversation
 * @param counsellorsBusy signed in and available, but at their capacity
 * @param counsellorsAway signed in and away (they keep their conversations, take no new
 * ones)
 * @param freeCapacity conversations the available counsellors can still take
 * @param activeConversations conversations in progress
 * @param last15Minutes arrivals, answers and abandonments in the last 15 minutes
 * @param lastHour the same for the last hour, with service level and median wait
 * @param serviceLevelTargetSeconds the wait the service level is measured against
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveSnapshot(Instant at, long waiting, Priorities waitingByPriority, long offered,
		long longestWaitSeconds, long counsellorsAvailable, long counsellorsBusy, long counsellorsAway,
		long freeCapacity, long activeConversations, Window last15Minutes, Window lastHour,
		long serviceLevelTargetSeconds) {

	/**
	 * The queue by priority: those put back at the front (their counsellor was lost or
	 * handed them back) go first, then acute danger, then everyone else.
	 */
	public record Priorities(long acute, long returning, long normal) {
	}

	/**
	 * What happened in a window. Service level and median wait are absent while nobody
	 * was answered in it.
	 *
	 * @param arrivals visitors who asked for help
	 * @param answered first answers by a counsellor
	 * @param abandoned conversations that ended before anyone answered
	 * @param serviceLevel share of the answered whose wait was within the target (0 to 1)
	 * @param medianWaitSeconds median wait of the answered
	 */
	public record Window(long arrivals, long answered, long abandoned, @Nullable Double serviceLevel,
			@Nullable Long medianWaitSeconds) {
	}

}
