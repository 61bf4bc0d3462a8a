package nl.uitweg.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinators' live monitor over a real Server-Sent Events connection: it follows a
 * visitor joining, being answered and leaving, and a counsellor going away, within the 2
 * seconds the monitor promises.
 */
class LiveMonitorIntegrationTests {

	private static final int DATABASE = 5;

	private static final Duration PROMISE = Duration.ofSeconds(2);

	private final List<ServerSentEvent<JsonNode>> events = new CopyOnWriteArrayList<>();

	@Test
	void followsAVisitorAndACounsellorThroughAConversation() {
		TestBackends.get().redis(DATABASE).flushdb();
		try (AppInstance app = AppInstance.start("live-monitor",
				Map.of("spring.data.redis.url", TestBackends.get().redisUrl() + "/" + DATABASE))) {
			app.ensureCounsellor("live-1", "password-live-1", 2);
			Disposable stream = watch(app, StaffLogin.of(app.port(), "admin", "admin-test-password"));
			try (WsClient counsellor = WsClient.counsellor(app.port(),
					StaffLogin.of(app.port(), "live-1", "password-live-1"))) {
				snapshot((s) -> s.path("waiting").asLong() == 0 && s.path("counsellorsAway").asLong() == 1);
				counsellor.send(Map.of("type", "availability", "status", "available"));
				snapshot((s) -> s.path("counsellorsAvailable").asLong() == 1 && s.path("freeCapacity").asLong() == 2);

				try (Visitor visitor = Visitor.connect(app.port())) {
					String conversationId = visitor.start(Map.of("acuteDanger", true));
					JsonNode waiting = snapshot((s) -> s.path("waiting").asLong() == 1);
					assertThat(waiting.path("lastHour").path("arrivals").asLong()).isOne();
					assertThat(waiting.path("last15Minutes").path("arrivals").asLong()).isOne();

					counsellor.expect("offer");
					counsellor.send(Map.of("type", "accept", "conversationId", conversationId));
					JsonNode answered = snapshot(
							(s) -> s.path("waiting").asLong() == 0 && s.path("activeConversations").asLong() == 1);
					assertThat(answered.path("lastHour").path("answered").asLong()).isOne();
					assertThat(answered.path("lastHour").path("serviceLevel").asDouble()).isEqualTo(1.0);
					assertThat(answered.path("lastHour").path("medianWaitSeconds").asLong()).isBetween(0L, 10L);
					assertThat(answered.path("freeCapacity").asLong()).isOne();

					counsellor.send(Map.of("type", "availability", "status", "away"));
					snapshot((s) -> s.path("counsellorsAway").asLong() == 1
							&& s.path("counsellorsAvailable").asLong() == 0);

					visitor.ws().send(Map.of("type", "leave"));
					JsonNode left = snapshot((s) -> s.path("activeConversations").asLong() == 0);
					assertThat(left.path("lastHour").path("abandoned").asLong()).isZero();
				}
				assertThat(secondsBetweenSnapshots()).allSatisfy((gap) -> assertThat(gap).isLessThanOrEqualTo(2.0));
			}
			finally {
				stream.dispose();
			}
		}
	}

	@Test
	void isForCoordinatorsOnly() {
		AppInstance app = AppInstance.shared("A");
		app.ensureCounsellor("live-2", "password-live-2", 1);
		Rest.as(app, StaffLogin.of(app.port(), "live-2", "password-live-2"))
			.get()
			.uri("/api/v1/monitor/live")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isForbidden();
		Rest.anonymous(app)
			.get()
			.uri("/api/v1/monitor/live")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private Disposable watch(AppInstance app, StaffLogin coordinator) {
		return coordinator.client(app.port())
			.get()
			.uri("/api/v1/monitor/live")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {
			})
			.subscribe(this.events::add);
	}

	/** The first snapshot that matches, arriving within the monitor's promise. */
	private JsonNode snapshot(Predicate<JsonNode> condition) {
		int seen = this.events.size();
		await().atMost(PROMISE.plusSeconds(1)).until(() -> this.events.size() > seen);
		await().atMost(PROMISE)
			.until(() -> this.events.stream().skip(seen).map(ServerSentEvent::data).anyMatch(condition));
		ServerSentEvent<JsonNode> match = this.events.stream()
			.skip(seen)
			.filter((event) -> condition.test(event.data()))
			.findFirst()
			.orElseThrow();
		assertThat(match.event()).isEqualTo("snapshot");
		return match.data();
	}

	private List<Double> secondsBetweenSnapshots() {
		List<Instant> times = this.events.stream().map((e) -> Instant.parse(e.data().path("at").asString())).toList();
		assertThat(times).hasSizeGreaterThan(3);
		return java.util.stream.IntStream.range(1, times.size())
			.mapToObj((i) -> Duration.between(times.get(i - 1), times.get(i)).toMillis() / 1000.0)
			.toList();
	}

}
