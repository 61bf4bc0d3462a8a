package nl.uitweg.conversation;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import nl.uitweg.platform.MetricNames;

/**
 * Messages stored and relayed by this instance, by sender. Counted from the append
 * script's reply: a resent client message id ({@code duplicate}) and system messages are
 * not counted. The tag is the sender's role only, never who sent it or where.
 */
@Component
class ConversationMeters {

	private final Map<Party, Counter> relayed;

	ConversationMeters(MeterRegistry meters) {
		this.relayed = Map.of(Party.VISITOR, relayed(meters, Party.VISITOR), Party.COUNSELLOR,
				relayed(meters, Party.COUNSELLOR));
	}

	private static Counter relayed(MeterRegistry meters, Party sender) {
		return Counter.builder(MetricNames.MESSAGES_RELAYED)
			.tag("sender", sender.wire())
			.description("Messages stored and relayed, by the sender's role")
			.register(meters);
	}

	/** After {@code append.lua}: counts a message that went into the log just now. */
	void appended(Party from, List<Object> reply) {
		Counter counter = this.relayed.get(from);
		if (counter != null && "ok".equals(String.valueOf(reply.get(0)))) {
			counter.increment();
		}
	}

}
