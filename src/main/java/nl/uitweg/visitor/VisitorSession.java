package nl.uitweg.visitor;

import org.jspecify.annotations.Nullable;

/**
 * An anonymous visitor's session: no name, no address, only what the chat needs.
 *
 * @param sessionId public id of the session
 * @param key the Redis key, derived from the hash of the resume token
 * @param campaign the code of a campaign live when the session began, or DIRECT
 * @param locale the visitor's language
 * @param conversationId the current or last conversation, if any
 */
public record VisitorSession(String sessionId, String key, String campaign, String locale,
		@Nullable String conversationId) {
}
