package nl.uitweg.queue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

import nl.uitweg.conversation.Intake;

/**
 * What the Lua scripts (and, for a sign-out, the counsellor module) tell one counsellor
 * on their channel, read once into a type. The names are those the scripts write.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = CounsellorNotice.Offer.class, name = "offer"),
		@JsonSubTypes.Type(value = CounsellorNotice.Transferred.class, name = "transferred"),
		@JsonSubTypes.Type(value = CounsellorNotice.TransferDeclined.class, name = "transfer_declined"),
		@JsonSubTypes.Type(value = CounsellorNotice.Assigned.class, name = "assigned"),
		@JsonSubTypes.Type(value = CounsellorNotice.OfferWithdrawn.class, name = "offer_withdrawn"),
		@JsonSubTypes.Type(value = CounsellorNotice.AvailabilityChanged.class, name = "availability"),
		@JsonSubTypes.Type(value = CounsellorNotice.SignedOut.class, name = "signed_out") })
public sealed interface CounsellorNotice {

	/**
	 * A conversation offered by dispatch, or (with {@code transferFrom}) by a colleague.
	 */
	record Offer(String conversationId, @Nullable Intake intake, long waitedSeconds,
			@Nullable String transferFrom) implements CounsellorNotice {
	}

	/** A colleague took over a conversation this counsellor handed over. */
	record Transferred(String conversationId, String to) implements CounsellorNotice {
	}

	/** A colleague declined (or let lapse) a handover. */
	record TransferDeclined(String conversationId, String by, @Nullable String reason) implements CounsellorNotice {
	}

	/** Accepted (possibly in another tab of the same counsellor). */
	record Assigned(String conversationId) implements CounsellorNotice {
	}

	/** An offer that no longer stands (lapsed, declined, ended, requeued). */
	record OfferWithdrawn(String conversationId, String reason) implements CounsellorNotice {
	}

	/** The counsellor's status was changed for them (a lapsed offer sets them away). */
	record AvailabilityChanged(String status, String reason) implements CounsellorNotice {
	}

	/**
	 * The counsellor was signed out (written by the counsellor module, not a script): the
	 * consoles of that one session, or of every session when {@code session} is absent,
	 * must close.
	 *
	 * @param reason {@code signed_out}, {@code account_disabled} or
	 * {@code password_reset}
	 * @param session the fingerprint of the session that signed out
	 */
	record SignedOut(String reason, @Nullable String session) implements CounsellorNotice {
	}

}
