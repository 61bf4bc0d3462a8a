package nl.uitweg.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import nl.uitweg.platform.RedisChannels;
import nl.uitweg.platform.RedisKeys;

/** A counsellor's notices (offers, handovers, lapses), from every instance. */
@Service
public class CounsellorNotices {

	private static final Logger log = LoggerFactory.getLogger(CounsellorNotices.class);

	private final RedisChannels channels;

	private final JsonMapper json;

	CounsellorNotices(RedisChannels channels, JsonMapper json) {
		this.channels = channels;
		this.json = json;
	}

	/**
	 * Completes once the channel is subscribed; the inner Flux carries the notices until
	 * it is cancelled.
	 */
	public Mono<Flux<CounsellorNotice>> subscribe(String username) {
		return this.channels.subscribe(RedisKeys.counsellorChannel(username)).map((raw) -> raw.mapNotNull(this::read));
	}

	private @org.jspecify.annotations.Nullable CounsellorNotice read(String raw) {
		try {
			return this.json.readValue(raw, CounsellorNotice.class);
		}
		catch (JacksonException ex) {
			log.debug("Ignoring a counsellor notice that cannot be read ({})", ex.getClass().getSimpleName());
			return null;
		}
	}

}
