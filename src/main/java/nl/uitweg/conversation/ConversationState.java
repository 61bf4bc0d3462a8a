package nl.uitweg.conversation;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A live conversation as Redis holds it.
 *
 * @param id conversation id
 * @param state queued, offered, active or ended
 * @param sessionId the visitor session
 * @param counsellor username of the counsellor, once accepted
 * @param counsellorName display name shown to the visitor
 * @param offeredTo username of the counsellor it is offered to, while offered
 * @param lastSeq highest seq in the log
 * @param queuedAtMillis when the visitor asked for help
 * @param intakeJson the coded intake as JSON
 * @param counsellorAck the highest seq the counsellor's console acknowledged as shown
 */
public record ConversationState(String id, String state, String sessionId, @Nullable String counsellor,
		@Nullable String counsellorName, @Nullable String offeredTo, long lastSeq, long queuedAtMillis,
		String intakeJson, long counsellorAck) {

	public static final String QUEUED = "queued";

	public static final String OFFERED = "offered";

	public static final String ACTIVE = "active";

	public static final String ENDED = "ended";

	static @Nullable ConversationState from(String id, Map<String, String> hash) {
		if (!hash.containsKey("state")) {
			return null;
		}
		return new ConversationState(id, hash.get("state"), hash.getOrDefault("sid", ""), hash.get("counsellor"),
				hash.get("counsellorName"), hash.get("offeredTo"), Long.parseLong(hash.getOrDefault("seq", "0")),
				Long.parseLong(hash.getOrDefault("queuedAt", "0")), hash.getOrDefault("intake", "{}"),
				Long.parseLong(hash.getOrDefault("ack:counsellor", "0")));
	}

	public boolean open() {
		return !ENDED.equals(this.state);
	}

}
