package nl.uitweg.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What is kept of a conversation once it has ended: times to the hour, durations, codes,
 * never any text. Written from the end of the conversation (see {@link MetadataOutbox});
 * the statistics read these field names, so they do not change.
 *
 * @param id the conversation id
 * @param startedHour the hour the visitor asked for help
 * @param waitedSeconds how long the visitor waited for a counsellor (until the end when
 * nobody answered)
 * @param activeSeconds how long the conversation ran after a counsellor answered
 * @param answered whether a counsellor answered
 * @param endReason why it ended, as the wire name of the reason
 * @param counsellor who had it at its end, or {@code null} when nobody answered
 * @param intake the coded answers the visitor gave before the chat
 * @param campaign the campaign the visitor came in through
 * @param priorityBand the queue band, 0 for acute danger
 * @param locale the visitor's language
 * @param requeues how often it went back to the queue
 * @param feedback the visitor's answer to "did this help?" ({@code YES}, {@code PARTLY},
 * {@code NO}), or {@code null} when not given
 */
@Document("conversations")
public record ConversationRecord(@Id String id, Instant startedHour, long waitedSeconds, long activeSeconds,
		boolean answered, String endReason, @Nullable String counsellor, Intake intake, String campaign,
		int priorityBand, String locale, int requeues, @Nullable String feedback) {
}
