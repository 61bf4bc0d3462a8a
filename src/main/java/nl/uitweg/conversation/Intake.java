package nl.uitweg.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The coded answers a visitor may give before the chat starts, all optional. Only codes,
 * so nothing a visitor types can end up in the metadata. The codes are checked against
 * the taxonomy where the frame is read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intake(@Nullable String contactRole, @Nullable String ageGroup, @Nullable Boolean acuteDanger) {

	public static Intake none() {
		return new Intake(null, null, null);
	}

	/** Acute danger goes first: band 0, everyone else band 1. */
	public int priorityBand() {
		return Boolean.TRUE.equals(this.acuteDanger) ? 0 : 1;
	}

}
