package nl.uitweg.platform;

/**
 * Every Redis key and channel the application uses, in one place. All keys share the hash
 * tag {@code {uw}} so the atomic scripts that touch several of them also run on Redis
 * Cluster (one slot).
 */
public final class RedisKeys {

	/**
	 * Separates priority bands in a queue score ({@code band * width + arrival millis});
	 * larger than any epoch-millis value. The Lua scripts get it as
	 * {@code QUEUE_BAND_WIDTH} (see LuaScripts).
	 */
	public static final long QUEUE_BAND_WIDTH = 10_000_000_000_000L;

	/** Waiting conversations, sorted by priority band then arrival. */
	public static final String QUEUE = "{uw}:queue";

	/** Pending offers, scored by the instant they lapse. */
	public static final String OFFERS = "{uw}:offers";

	/** Usernames of counsellors who are signed in (any status but offline). */
	public static final String COUNSELLORS = "{uw}:counsellors";

	/**
	 * Recent assignments (member conversation id, score epoch millis): the service rate.
	 */
	public static final String SERVED = "{uw}:served";

	/** Conversation metadata waiting to be written to MongoDB. */
	public static final String OUTBOX = "{uw}:outbox";

	/** Signed-out counsellors who may still hold conversations, scored by since when. */
	public static final String OFFLINE_COUNSELLORS = "{uw}:offline";

	/**
	 * Visitors of open conversations (member conversation id), scored by when last seen.
	 */
	public static final String VISITOR_PRESENCE = "{uw}:presence:v";

	/** Channel: the queue changed; instances recompute positions. */
	public static final String QUEUE_CHANNEL = "uw:queue";

	private RedisKeys() {
	}

	public static String visitorSession(String tokenHash) {
		return "{uw}:vs:" + tokenHash;
	}

	/** The secret for one UTC day's address hashes. */
	public static String addressKey(String day) {
		return "{uw}:addrkey:" + day;
	}

	/** A blocked address, by its keyed hash. */
	public static String blockedAddress(String hash) {
		return "{uw}:blocked:" + hash;
	}

	public static String conversation(String conversationId) {
		return "{uw}:conv:" + conversationId;
	}

	public static String conversationLog(String conversationId) {
		return "{uw}:conv:" + conversationId + ":log";
	}

	public static String conversationClientIds(String conversationId) {
		return "{uw}:conv:" + conversationId + ":cmid";
	}

	public static String counsellor(String username) {
		return "{uw}:c:" + username;
	}

	/**
	 * A counsellor's console connections, scored by when an instance last vouched for
	 * them.
	 */
	public static String counsellorConnections(String username) {
		return "{uw}:c:" + username + ":conns";
	}

	public static String counsellorConversations(String username) {
		return "{uw}:c:" + username + ":convs";
	}

	/** Channel: every sequenced event and typing signal of one conversation. */
	public static String conversationChannel(String conversationId) {
		return "uw:conv:" + conversationId;
	}

	/** Channel: notices for one counsellor (offers, assignments, lapses). */
	public static String counsellorChannel(String username) {
		return "uw:c:" + username;
	}

}
