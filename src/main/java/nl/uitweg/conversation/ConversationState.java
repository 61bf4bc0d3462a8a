package nl.uitweg.conversation;

import org.jspecify.annotations.Nullable;

/**
 * A live conversation as Redis holds it.
 *
 * @param id conversation id
 * @param status queued, offered, active or ended
 * @param sessionId the visitor session
 * @param counsellor username of the counsellor, once accepted
 * @param counsellorName display name shown to the visitor
 * @param offeredTo username of the counsellor it is offered to, while offered
 * @param lastSeq highest seq in the log
 * @param queuedAtMillis when the visitor asked for help
 * @param intake the coded intake
 * @param counsellorAck the highest seq the counsellor's console acknowledged as shown
 */
public record ConversationState(String id, ConversationStatus status, String sessionId, @Nullable String counsellor,
		@Nullable String counsellorName, @Nullable String offeredTo, long lastSeq, long queuedAtMillis, Intake intake,
		long counsellorAck) {

	public boolean open() {
		return this.status.open();
	}

	/** Handled by this counsellor now (accepted, not merely offered). */
	public boolean heldBy(String username) {
		return username.equals(this.counsellor);
	}

}
