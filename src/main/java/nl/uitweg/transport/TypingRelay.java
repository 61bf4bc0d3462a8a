package nl.uitweg.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.ConversationLimits;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.conversation.Party;
import nl.uitweg.platform.Timers;

/**
 * Coalesces typing signals, as chat products do: one side of a conversation is relayed at
 * most once per interval, and the latest state sent within an interval follows at its
 * end, so a {@code false} is never lost. No signal is dropped, only merged. A side that
 * sends more than the burst within one interval is told so once per interval.
 * <p>
 * Kept in this instance's memory, not in Redis: a typing frame must not cost a round
 * trip, and a socket's frames all reach one instance. An entry lives only while its side
 * types.
 */
@Component
class TypingRelay {

	private static final Logger log = LoggerFactory.getLogger(TypingRelay.class);

	private final Conversations conversations;

	private final Timers timers;

	private final Duration interval;

	private final int burst;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	TypingRelay(Conversations conversations, Timers timers, ConversationLimits limits) {
		this.conversations = conversations;
		this.timers = timers;
		this.interval = limits.typingInterval();
		this.burst = limits.typingBurst();
	}

	/**
	 * Relays now, or merges into the interval under way; fails with {@code rate_limited}
	 * for the first frame beyond the burst in an interval.
	 */
	Mono<Void> typing(String conversationId, Party from, boolean active) {
		String key = conversationId + "|" + from.wire();
		int[] frames = new int[1];
		this.windows.compute(key, (k, open) -> {
			Window window = (open != null) ? open.add(active) : new Window();
			frames[0] = window.frames;
			return window;
		});
		if (frames[0] == 1) {
			this.timers.scheduler()
				.schedule(() -> close(key, conversationId, from), this.interval.toMillis(), TimeUnit.MILLISECONDS);
			return this.conversations.typing(conversationId, from, active);
		}
		if (frames[0] == this.burst + 1) {
			return Mono
				.error(FrameException.rateLimited("Typing signals come too fast; they are merged into one per second.",
						Math.max(1, (this.interval.toMillis() + 999) / 1000)));
		}
		return Mono.empty();
	}

	/** The interval is over: relay what came within it and open the next, or forget. */
	private void close(String key, String conversationId, Party from) {
		Boolean[] latest = new Boolean[1];
		this.windows.computeIfPresent(key, (k, window) -> {
			latest[0] = window.pending;
			return (window.pending != null) ? new Window() : null;
		});
		if (latest[0] != null) {
			this.timers.scheduler()
				.schedule(() -> close(key, conversationId, from), this.interval.toMillis(), TimeUnit.MILLISECONDS);
			this.conversations.typing(conversationId, from, latest[0])
				.subscribe(null, (ex) -> log.debug("A coalesced typing signal was not relayed: {}", ex.toString()));
		}
	}

	/** One interval of one side: frames seen, and the state still to relay. */
	private static final class Window {

		private int frames = 1;

		private @Nullable Boolean pending;

		Window add(boolean active) {
			this.frames++;
			this.pending = active;
			return this;
		}

	}

}
