package nl.uitweg.transport;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.ConversationLimits;
import nl.uitweg.platform.RateLimits;

/**
 * How fast each side may send messages, in token buckets shared by every instance. A
 * message over the rate is refused before it is stored, so the client may send the same
 * {@code clientMsgId} again after the wait and it is stored once.
 */
@Component
class MessageRates {

	private final RateLimits rateLimits;

	private final RateLimits.Limit visitor;

	private final RateLimits.Limit counsellor;

	MessageRates(RateLimits rateLimits, ConversationLimits limits) {
		this.rateLimits = rateLimits;
		this.visitor = new RateLimits.Limit("visitor-messages", limits.visitorMessages(),
				limits.visitorMessagesPeriod());
		this.counsellor = new RateLimits.Limit("counsellor-messages", limits.counsellorMessages(),
				limits.counsellorMessagesPeriod());
	}

	/**
	 * Per session, not per conversation: starting a new conversation does not refill it.
	 */
	Mono<Void> visitor(String sessionId) {
		return take(this.visitor, sessionId);
	}

	/** Per counsellor and conversation: one busy chat does not slow the others. */
	Mono<Void> counsellor(String username, String conversationId) {
		return take(this.counsellor, username + ":" + conversationId);
	}

	private Mono<Void> take(RateLimits.Limit limit, String subject) {
		return this.rateLimits.take(limit, subject)
			.flatMap((decision) -> decision.allowed() ? Mono.<Void>empty()
					: Mono.error(FrameException.rateLimited(
							"You are sending messages very fast. This one was not sent; send it again in a moment.",
							decision.retryAfterSeconds())));
	}

}
