package nl.uitweg.conversation;

/** A visitor's feedback reached the conversation's stored record (on this instance). */
public record FeedbackRecorded(String conversationId, String feedback) {
}
