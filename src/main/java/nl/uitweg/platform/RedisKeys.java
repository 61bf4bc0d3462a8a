package nl.uitweg.platform;

/**
 * Every Redis key and channel the application uses, in one place, for Java and Lua alike:
 * the scripts get the same names as constants ({@link #luaConstants()}), never as
 * literals of their own. All keys share the hash tag {@code {uw}} so the atomic scripts
 * that touch several of them also run on Redis Cluster (one slot). Which module writes
 * which key is in docs/architecture.md.
 */
public final class RedisKeys {

	private static final String CONVERSATION_PREFIX = "{uw}:conv:";

	private static final String COUNSELLOR_PREFIX = "{uw}:c:";

	private static final String BLOCKED_PREFIX = "{uw}:blocked:";

	private static final String CONVERSATION_CHANNEL_PREFIX = "uw:conv:";

	private static final String COUNSELLOR_CHANNEL_PREFIX = "uw:c:";

	/** Handovers waiting for a colleague, scored by the instant they lapse. */
	public static final String HANDOVERS = "{uw}:handovers";

	/** A counter that keeps arrivals within one millisecond in order. */
	public static final String ARRIVALS = "{uw}:arrivals";

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

	/** Conversations in progress (accepted, not ended, not back in the queue). */
	public static final String ACTIVE = "{uw}:active";

	/** Arrivals of the last hour (member conversation id, score epoch millis). */
	public static final String LIVE_ARRIVALS = "{uw}:live:arrivals";

	/**
	 * First answers of the last hour (member {@code <cid>:<wait millis>}, score epoch
	 * millis).
	 */
	public static final String LIVE_ANSWERS = "{uw}:live:answers";

	/** Conversations that ended unanswered in the last hour (member conversation id). */
	public static final String LIVE_ABANDONED = "{uw}:live:abandoned";

	/**
	 * How far back the live figures reach; older entries are trimmed as new ones come.
	 */
	public static final long LIVE_WINDOW_MILLIS = 3_600_000L;

	/**
	 * Claims the scrub of Redis's files for one interval, for the instance that sets it
	 * first (see RedisPersistenceScrubber).
	 */
	public static final String PERSISTENCE_SCRUB_CLAIM = "{uw}:privacy:scrub";

	/** Channel: the queue changed; instances recompute positions. */
	public static final String QUEUE_CHANNEL = "uw:queue";

	private RedisKeys() {
	}

	/** The names above as Lua locals, written in front of every script. */
	static String luaConstants() {
		StringBuilder lua = new StringBuilder();
		constant(lua, "KEY_QUEUE", QUEUE);
		constant(lua, "KEY_OFFERS", OFFERS);
		constant(lua, "KEY_HANDOVERS", HANDOVERS);
		constant(lua, "KEY_ARRIVALS", ARRIVALS);
		constant(lua, "KEY_OUTBOX", OUTBOX);
		constant(lua, "KEY_VISITOR_PRESENCE", VISITOR_PRESENCE);
		constant(lua, "KEY_ACTIVE", ACTIVE);
		constant(lua, "KEY_LIVE_ARRIVALS", LIVE_ARRIVALS);
		constant(lua, "KEY_LIVE_ANSWERS", LIVE_ANSWERS);
		constant(lua, "KEY_LIVE_ABANDONED", LIVE_ABANDONED);
		constant(lua, "PREFIX_CONVERSATION", CONVERSATION_PREFIX);
		constant(lua, "PREFIX_COUNSELLOR", COUNSELLOR_PREFIX);
		constant(lua, "PREFIX_BLOCKED", BLOCKED_PREFIX);
		constant(lua, "CHANNEL_QUEUE", QUEUE_CHANNEL);
		constant(lua, "PREFIX_CONVERSATION_CHANNEL", CONVERSATION_CHANNEL_PREFIX);
		constant(lua, "PREFIX_COUNSELLOR_CHANNEL", COUNSELLOR_CHANNEL_PREFIX);
		lua.append("local QUEUE_BAND_WIDTH = ").append(QUEUE_BAND_WIDTH).append('\n');
		lua.append("local LIVE_WINDOW_MS = ").append(LIVE_WINDOW_MILLIS).append('\n');
		return lua.toString();
	}

	private static void constant(StringBuilder lua, String name, String value) {
		lua.append("local ").append(name).append(" = '").append(value).append("'\n");
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
		return BLOCKED_PREFIX + hash;
	}

	public static String conversation(String conversationId) {
		return CONVERSATION_PREFIX + conversationId;
	}

	public static String conversationLog(String conversationId) {
		return CONVERSATION_PREFIX + conversationId + ":log";
	}

	public static String conversationClientIds(String conversationId) {
		return CONVERSATION_PREFIX + conversationId + ":cmid";
	}

	public static String counsellor(String username) {
		return COUNSELLOR_PREFIX + username;
	}

	/**
	 * A counsellor's console connections, scored by when an instance last vouched for
	 * them.
	 */
	public static String counsellorConnections(String username) {
		return COUNSELLOR_PREFIX + username + ":conns";
	}

	public static String counsellorConversations(String username) {
		return COUNSELLOR_PREFIX + username + ":convs";
	}

	/**
	 * Claims one minute's staffing sample for the instance that sets it first, so that
	 * however many instances run, a minute is counted once.
	 */
	public static String staffingSampleClaim(long epochMinute) {
		return "{uw}:stats:sample:" + epochMinute;
	}

	/** A rate-limit bucket (see RateLimits); the subject is never an address. */
	public static String rateLimit(String limit, String subject) {
		return "{uw}:rl:" + limit + ":" + subject;
	}

	/**
	 * The message-rate bucket of one sender (a hash that {@code append.lua} keeps): a
	 * visitor's per session, a counsellor's per conversation.
	 */
	public static String messageRate(String side, String subject) {
		return "{uw}:rl:msg:" + side + ":" + subject;
	}

	/** Channel: every sequenced event and typing signal of one conversation. */
	public static String conversationChannel(String conversationId) {
		return CONVERSATION_CHANNEL_PREFIX + conversationId;
	}

	/** Channel: notices for one counsellor (offers, assignments, lapses). */
	public static String counsellorChannel(String username) {
		return COUNSELLOR_CHANNEL_PREFIX + username;
	}

}
