package nl.uitweg.queue;

/** A conversation joined (or rejoined) the queue on this instance. */
public record VisitorQueued(String conversationId) {
}
