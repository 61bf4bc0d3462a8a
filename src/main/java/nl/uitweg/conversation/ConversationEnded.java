package nl.uitweg.conversation;

/** A conversation ended on this instance; capacity may have been freed. */
public record ConversationEnded(String conversationId, String reason) {
}
