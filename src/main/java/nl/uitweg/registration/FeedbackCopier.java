package nl.uitweg.registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.FeedbackRecorded;
import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.EventBus;

/**
 * Copies a visitor's feedback into the conversation's registration when the feedback
 * comes after it, so the statistics can count feedback by registered answer within the
 * registrations alone.
 */
@Component
class FeedbackCopier extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(FeedbackCopier.class);

	private final EventBus events;

	private final Registrations registrations;

	FeedbackCopier(EventBus events, Registrations registrations) {
		this.events = events;
		this.registrations = registrations;
	}

	@Override
	protected Flux<?> loop() {
		return this.events.on(FeedbackRecorded.class)
			.onBackpressureBuffer(10_000)
			.concatMap((recorded) -> this.registrations.copyFeedback(recorded.conversationId(), recorded.feedback())
				.onErrorResume((ex) -> {
					log.warn("Could not copy feedback into a registration: {}", ex.toString());
					return Mono.empty();
				}));
	}

}
