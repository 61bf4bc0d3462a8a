package nl.uitweg.counsellor;

/** A counsellor became available on this instance; waiting visitors may be offered. */
public record CounsellorAvailable(String username) {
}
