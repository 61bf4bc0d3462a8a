package nl.uitweg.visitor;

import java.time.Instant;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An outreach campaign whose code a visitor's link may carry. A retired campaign stays
 * known: its code still counts in the figures of the periods it was live and may still be
 * named in registrations, but new sessions with it count as direct. The code is the
 * document id, so two instances creating the same campaign collide on the key.
 *
 * @param code upper-case code, as in the campaign's links
 * @param label what coordinators and counsellors see
 * @param createdAt when it was created
 * @param retiredAt when it was retired; {@code null} while it is live
 */
@Document("campaigns")
public record Campaign(@Id String code, String label, Instant createdAt, @Nullable Instant retiredAt) {

	/**
	 * What a code looks like: 2 to 32 of A-Z, 0-9, '_' and '-', and neither DIRECT nor
	 * UNKNOWN, which are entry channels of their own.
	 */
	public static final String CODE_FORMAT = "(?!(DIRECT|UNKNOWN)$)[A-Z0-9_-]{2,32}";

	/** The longest label. */
	public static final int LABEL_LIMIT = 80;

	private static final Pattern CODE = Pattern.compile(CODE_FORMAT);

	static boolean wellFormedCode(String code) {
		return CODE.matcher(code).matches();
	}

	/** Whether a new visitor session may carry this code. */
	public boolean live() {
		return this.retiredAt == null;
	}

	Campaign retired(Instant at) {
		return new Campaign(this.code, this.label, this.createdAt, at);
	}

}
