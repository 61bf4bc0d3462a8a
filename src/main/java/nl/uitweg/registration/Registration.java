package nl.uitweg.registration;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The coded record of one conversation: codes only, no free text, no name, no place below
 * the province, no time finer than the hour.
 *
 * @param conversationId the conversation it describes (one registration each)
 * @param counsellor who registered it (the counsellor who had the conversation at its
 * end)
 * @param startedHour the hour the visitor asked for help
 * @param registeredHour the hour it was first registered; it stays editable for a day
 * @param answers field name to code, or to a list of codes for multi questions
 */
@Document("registrations")
public record Registration(@Id String conversationId, String counsellor, Instant startedHour, Instant registeredHour,
		Map<String, Object> answers) {
}
