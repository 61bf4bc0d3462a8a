package nl.uitweg.conversation;

/** A conversation ended on this instance; capacity was freed. */
public record ConversationEnded(String conversationId, String reason, String counsellor) {
}
