package nl.uitweg.counsellor;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A ready answer counsellors can send, kept by coordinators: typically a referral partner
 * with its contact details.
 *
 * @param id its id
 * @param title what counsellors pick it by
 * @param text the text sent to the visitor
 * @param partner the referral partner it is about, if any
 * @param contact how to reach that partner (phone, site), if any
 */
@Document("canned_responses")
public record CannedResponse(@Id String id, String title, String text, @Nullable String partner,
		@Nullable String contact) {
}
