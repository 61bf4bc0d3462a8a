package nl.uitweg.registration;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

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
 * @param campaign the campaign the visitor came in through, copied from the
 * conversation's record for the statistics (not shown to the counsellor)
 * @param feedback the visitor's "did this help?", copied likewise when it arrives
 */
@Document("registrations")
public record Registration(@Id String conversationId, String counsellor, Instant startedHour, Instant registeredHour,
		Map<String, Object> answers, @JsonIgnore @Nullable String campaign, @JsonIgnore @Nullable String feedback) {

	Registration withAnswers(Map<String, Object> changed, @Nullable String latestFeedback) {
		return new Registration(this.conversationId, this.counsellor, this.startedHour, this.registeredHour, changed,
				this.campaign, latestFeedback);
	}

}
