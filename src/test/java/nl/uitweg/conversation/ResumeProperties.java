package nl.uitweg.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import nl.uitweg.platform.EventBus;
import nl.uitweg.platform.RedisChannels;
import nl.uitweg.platform.Timers;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resume as a property, against a real Redis: whatever the interleaving of sends, dropped
 * followers and resumes, the reader ends up with exactly the sent sequence, once each.
 */
class ResumeProperties {

	private static ReactiveStringRedisTemplate redis;

	private static RedisChannels channels;

	private static Conversations conversations;

	private static Appends appends;

	@BeforeContainer
	static void connect() {
		redis = TestBackends.get().isolatedTemplate();
		TestBackends.get().isolatedRedis().flushdb();
		int port = TestBackends.get().redisPort();
		channels = newChannels(port);
		appends = new Appends(details(port), new DataRedisProperties(),
				new ReplicationProperties(0, Duration.ofMillis(500)));
		appends.start();
		var properties = new ConversationProperties(2000, Duration.ofMinutes(10), Duration.ofSeconds(1),
				Duration.ofMillis(200), Duration.ofHours(24), Duration.ofSeconds(10),
				java.time.ZoneId.of("Europe/Amsterdam"));
		var json = JsonMapper.builder().build();
		var log = new ConversationLog(redis, channels, json, properties, new Timers(Schedulers.parallel()));
		conversations = new Conversations(redis, channels, json, Clock.systemUTC(), properties, new EventBus(), log,
				// The message rates out of reach: every try appends as the same sender.
				new ConversationLimits(1_000_000, Duration.ofMinutes(1), 1_000_000, Duration.ofMinutes(1), 1000,
						Duration.ofSeconds(1), 5),
				appends, new ConversationMeters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
	}

	private static DataRedisConnectionDetails details(int port) {
		return new DataRedisConnectionDetails() {
			@Override
			public Standalone getStandalone() {
				return Standalone.of("127.0.0.1", port, TestBackends.ISOLATED_DATABASE);
			}
		};
	}

	private static RedisChannels newChannels(int port) {
		DataRedisConnectionDetails details = details(port);
		try {
			var constructor = RedisChannels.class.getDeclaredConstructor(DataRedisConnectionDetails.class,
					DataRedisProperties.class);
			constructor.setAccessible(true);
			RedisChannels created = constructor.newInstance(details, new DataRedisProperties());
			created.start();
			return created;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterContainer
	static void disconnect() {
		appends.stop();
		channels.stop();
	}

	/** One step: a message from either side, or the reader dropping and resuming. */
	enum Step {

		VISITOR_SENDS, COUNSELLOR_SENDS, READER_DROPS, READER_RESUMES

	}

	@Provide
	Arbitrary<List<Step>> steps() {
		return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(40);
	}

	@Property(tries = 40)
	void theReaderSeesTheSentSequenceExactlyOnce(@ForAll("steps") List<Step> steps) {
		String conversationId = UUID.randomUUID().toString();
		TestBackends.get()
			.isolatedRedis()
			.hset("{uw}:conv:" + conversationId,
					java.util.Map.of("state", "active", "sid", "visitor", "counsellor", "counsellor", "seq", "0"));
		Reader reader = new Reader(conversationId);
		reader.resume();
		List<String> sent = new ArrayList<>();
		int n = 0;
		for (Step step : steps) {
			switch (step) {
				case VISITOR_SENDS, COUNSELLOR_SENDS -> {
					boolean visitor = step == Step.VISITOR_SENDS;
					String text = (visitor ? "v" : "c") + (n++);
					var result = conversations
						.append(conversationId, visitor ? Party.VISITOR : Party.COUNSELLOR,
								visitor ? "visitor" : "counsellor", UUID.randomUUID().toString(), text)
						.block(Duration.ofSeconds(5));
					assertThat(result).isInstanceOf(AppendResult.Accepted.class);
					sent.add(text);
				}
				case READER_DROPS -> reader.drop();
				case READER_RESUMES -> reader.resume();
			}
		}
		reader.resume();
		await().atMost(Duration.ofSeconds(10)).until(() -> reader.seen() == sent.size());
		assertThat(reader.texts()).containsExactlyElementsOf(sent);
		assertThat(reader.duplicates()).isZero();
		reader.drop();
	}

	/**
	 * A client that follows the log and resumes after the highest seq it holds without a
	 * gap.
	 */
	private static final class Reader {

		private final String conversationId;

		private final TreeMap<Long, String> shown = new TreeMap<>();

		private int duplicates;

		private Disposable following;

		/** Events of a dropped connection go nowhere, as on a closed socket. */
		private int generation;

		Reader(String conversationId) {
			this.conversationId = conversationId;
		}

		synchronized void resume() {
			if (this.following != null && !this.following.isDisposed()) {
				return;
			}
			long lastSeq = contiguous();
			int current = ++this.generation;
			this.following = conversations.stream(this.conversationId, lastSeq)
				.subscribe((event) -> onEvent(current, event));
		}

		synchronized void drop() {
			if (this.following != null) {
				this.following.dispose();
			}
			this.generation++;
		}

		private synchronized void onEvent(int from, ConversationEvent event) {
			if (from != this.generation) {
				return;
			}
			if (event.sequenced() && this.shown.putIfAbsent(event.seq(), event.text()) != null) {
				this.duplicates++;
			}
		}

		private synchronized long contiguous() {
			long last = 0;
			for (long seq : this.shown.keySet()) {
				if (seq != last + 1) {
					break;
				}
				last = seq;
			}
			return last;
		}

		synchronized int seen() {
			return this.shown.size();
		}

		synchronized int duplicates() {
			return this.duplicates;
		}

		synchronized List<String> texts() {
			return new ArrayList<>(this.shown.values());
		}

	}

}
