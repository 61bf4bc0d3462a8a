package nl.uitweg.stats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.lettuce.core.api.sync.RedisCommands;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.uitweg.conversation.Periods;
import nl.uitweg.counsellor.CounsellorPresence;
import nl.uitweg.counsellor.CounsellorStatus;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The staffing advice from conversation records that went through the real outbox, on an
 * instance with a Redis database and a MongoDB database of its own: arrivals and handling
 * times per hour of the week, their suppression, Erlang C's counsellors, the sampled
 * availability beside them, and the CSV export.
 */
class StaffingIntegrationTests {

	private static final int DATABASE = 9;

	private static final String MONGO_DATABASE = "uitweg-staffing-tests";

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	private static final int WEEKS = 4;

	private static final String QUERY = "?weeks=4&target=0.8&answerWithinSeconds=60&capacity=2";

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static AppInstance app;

	private static RedisCommands<String, String> redis;

	/** 20 contacts, all answered, 1800 s on average. */
	private static ZonedDateTime busy;

	/** 8 contacts, 3 answered: too few for their handling time to be shown. */
	private static ZonedDateTime fewAnswered;

	/** 3 contacts: too few for anything but the counsellors needed. */
	private static ZonedDateTime fewContacts;

	/** 5 contacts, none answered: handled with the mean over all hours. */
	private static ZonedDateTime unanswered;

	/** No contacts; counsellors sampled in it. */
	private static ZonedDateTime sampled;

	/** No contacts, no samples. */
	private static ZonedDateTime quiet;

	@BeforeAll
	static void startWithRecordsOfTheLastWeeks() {
		redis = TestBackends.get().redis(DATABASE);
		redis.flushdb();
		app = AppInstance.start("staffing", Map.of("spring.data.redis.url",
				TestBackends.get().redisUrl() + "/" + DATABASE, "spring.mongodb.database", MONGO_DATABASE));
		ReactiveMongoTemplate mongo = app.bean(ReactiveMongoTemplate.class);
		mongo.remove(new Query(), "conversations").block(WAIT);
		mongo.remove(new Query(), StaffingSamples.COLLECTION).block(WAIT);

		ZonedDateTime now = ZonedDateTime.now(AMSTERDAM).truncatedTo(ChronoUnit.HOURS);
		List<Integer> taken = new ArrayList<>();
		busy = hourBack(now, 10, taken);
		fewAnswered = hourBack(now, 20, taken);
		fewContacts = hourBack(now, 30, taken);
		unanswered = hourBack(now, 40, taken);
		sampled = hourBack(now, 50, taken);
		quiet = hourBack(now, 60, taken);

		long[] busyActive = { 600, 1200, 1800, 2400, 3000 };
		for (int week = 0; week < WEEKS; week++) {
			for (long active : busyActive) {
				record(busy.minusWeeks(week), true, active);
			}
			record(fewAnswered.minusWeeks(week), false, 0);
			record(fewAnswered.minusWeeks(week), week > 0, 200 * week);
			record(unanswered.minusWeeks(week), false, 0);
		}
		record(unanswered.minusWeeks(1), false, 0);
		record(fewContacts, true, 900);
		record(fewContacts.minusWeeks(1), false, 0);
		record(fewContacts.minusWeeks(2), false, 0);
		await().atMost(WAIT).until(() -> redis.hlen("{uw}:outbox") == 0);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void advisesEveryHourOfTheWeekFromTheLastWeeks() {
		JsonNode report = get(QUERY);
		assertThat(report.path("weeks").asInt()).isEqualTo(4);
		assertThat(report.path("target").asDouble()).isEqualTo(0.8);
		assertThat(report.path("answerWithinSeconds").asLong()).isEqualTo(60);
		assertThat(report.path("capacity").asInt()).isEqualTo(2);
		assertThat(report.path("k").asInt()).isEqualTo(5);
		assertThat(report.path("zone").asString()).isEqualTo("Europe/Amsterdam");
		assertThat(report.path("hours")).hasSize(168);
		JsonNode monday = report.path("hours").get(0);
		assertThat(monday.path("hourOfWeek").asInt()).isZero();
		assertThat(monday.path("day").asString()).isEqualTo("MONDAY");
		assertThat(monday.path("hour").asInt()).isZero();
		ErlangC erlangC = new ErlangC(0.8, Duration.ofSeconds(60), 2);

		JsonNode busyHour = hour(report, busy);
		assertThat(busyHour.path("arrivalsPerHour").asDouble()).isEqualTo(5.0);
		assertThat(busyHour.path("meanHandlingSeconds").asDouble()).isEqualTo(1800.0);
		StaffingAdvice busyAdvice = erlangC.advise(hourOfWeek(busy), 5.0, 1800.0);
		assertThat(busyAdvice.counsellorsNeeded()).isGreaterThan(1);
		assertThat(busyHour.path("agentsNeeded").asInt()).isEqualTo(busyAdvice.agentsNeeded());
		assertThat(busyHour.path("counsellorsNeeded").asInt()).isEqualTo(busyAdvice.counsellorsNeeded());
		assertThat(busyHour.path("serviceLevel").asDouble()).isCloseTo(busyAdvice.serviceLevel(), within(0.0005));
		assertThat(busyHour.path("averageSpeedOfAnswerSeconds").asDouble())
			.isCloseTo(busyAdvice.averageSpeedOfAnswerSeconds(), within(0.05));

		JsonNode fewAnsweredHour = hour(report, fewAnswered);
		assertThat(fewAnsweredHour.path("arrivalsPerHour").asDouble()).isEqualTo(2.0);
		assertSuppressed(fewAnsweredHour, "meanHandlingSeconds", "serviceLevel", "averageSpeedOfAnswerSeconds");
		assertThat(fewAnsweredHour.path("counsellorsNeeded").asInt())
			.isEqualTo(erlangC.advise(hourOfWeek(fewAnswered), 2.0, 400.0).counsellorsNeeded());

		JsonNode fewContactsHour = hour(report, fewContacts);
		assertSuppressed(fewContactsHour, "arrivalsPerHour", "meanHandlingSeconds", "serviceLevel",
				"averageSpeedOfAnswerSeconds");
		assertThat(fewContactsHour.path("counsellorsNeeded").asInt())
			.isEqualTo(erlangC.advise(hourOfWeek(fewContacts), 0.75, 900.0).counsellorsNeeded());

		JsonNode unansweredHour = hour(report, unanswered);
		assertThat(unansweredHour.path("arrivalsPerHour").asDouble()).isEqualTo(1.25);
		assertThat(unansweredHour.path("meanHandlingSeconds").isNull()).isTrue();
		double meanOverAll = (20 * 1800.0 + 200 + 400 + 600 + 900) / 24;
		StaffingAdvice unansweredAdvice = erlangC.advise(hourOfWeek(unanswered), 1.25, meanOverAll);
		assertThat(unansweredHour.path("counsellorsNeeded").asInt()).isEqualTo(unansweredAdvice.counsellorsNeeded());
		assertThat(unansweredHour.path("serviceLevel").asDouble()).isCloseTo(unansweredAdvice.serviceLevel(),
				within(0.0005));

		JsonNode quietHour = hour(report, quiet);
		assertThat(quietHour.path("arrivalsPerHour").asDouble()).isZero();
		assertThat(quietHour.path("meanHandlingSeconds").isNull()).isTrue();
		assertThat(quietHour.path("agentsNeeded").asInt()).isZero();
		assertThat(quietHour.path("counsellorsNeeded").asInt()).isZero();
		assertThat(quietHour.path("serviceLevel").asDouble()).isEqualTo(1.0);
		assertThat(quietHour.path("available").isNull()).isTrue();
	}

	@Test
	void takesItsDefaultsFromTheMonitorAndTheCounsellorSettings() {
		JsonNode report = get("");
		assertThat(report.path("weeks").asInt()).isEqualTo(8);
		assertThat(report.path("target").asDouble()).isEqualTo(0.8);
		assertThat(report.path("answerWithinSeconds").asLong()).isEqualTo(60);
		assertThat(report.path("capacity").asInt()).isEqualTo(3);
		assertThat(hour(report, busy).path("arrivalsPerHour").asDouble()).isEqualTo(2.5);
	}

	@Test
	void setsTheCounsellorsAvailableBesideTheAdvice() {
		app.ensureCounsellor("staffing-1", "password-staffing-1", 2);
		app.ensureCounsellor("staffing-2", "password-staffing-2", 2);
		AvailabilitySampler sampler = app.bean(AvailabilitySampler.class);
		ZonedDateTime minute = sampled.plusMinutes(5);
		try (WsClient first = WsClient.counsellor(app.port(),
				StaffLogin.of(app.port(), "staffing-1", "password-staffing-1"));
				WsClient second = WsClient.counsellor(app.port(),
						StaffLogin.of(app.port(), "staffing-2", "password-staffing-2"))) {
			first.send(Map.of("type", "availability", "status", "available"));
			awaitAvailable(1, 2);
			assertThat(sampler.sample(minute.toInstant()).block(WAIT)).isTrue();

			second.send(Map.of("type", "availability", "status", "available"));
			awaitAvailable(2, 2);
			assertThat(sampler.sample(minute.plusMinutes(1).toInstant()).block(WAIT)).isTrue();
			assertThat(sampler.sample(minute.plusMinutes(1).plusSeconds(30).toInstant()).block(WAIT))
				.as("that minute is taken")
				.isFalse();
		}

		Document hour = app.bean(ReactiveMongoTemplate.class)
			.findById(sampled.toInstant().toString(), Document.class, StaffingSamples.COLLECTION)
			.block(WAIT);
		assertThat(hour).containsEntry("hourOfWeek", hourOfWeek(sampled))
			.containsEntry("samples", 2)
			.containsEntry("availableSum", 3L)
			.containsEntry("signedInSum", 4L);
		JsonNode report = get(QUERY);
		assertThat(hour(report, sampled).path("available").asDouble()).isEqualTo(1.5);
		assertThat(hour(report, quiet).path("available").isNull()).isTrue();
	}

	@Test
	void exportsTheSameRowsAsCsv() {
		var result = coordinator().get()
			.uri("/api/v1/stats/staffing/export.csv" + QUERY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/csv;charset=UTF-8")
			.expectBody(byte[].class)
			.returnResult();
		String csv = new String(result.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(csv).endsWith("\r\n");
		List<String> lines = List.of(csv.split("\r\n"));
		assertThat(lines).hasSize(169);
		assertThat(lines.get(0)).isEqualTo("weeks,target,answer_within_seconds,capacity,k,hour_of_week,day,hour,"
				+ "arrivals_per_hour,mean_handling_seconds,agents_needed,counsellors_needed,service_level,"
				+ "average_speed_of_answer_seconds,available");
		JsonNode json = hour(get(QUERY), busy);
		int busyHour = hourOfWeek(busy);
		assertThat(lines.get(1 + busyHour))
			.isEqualTo("4,0.8,60,2,5," + busyHour + "," + busy.getDayOfWeek() + "," + busy.getHour() + ",5,1800,"
					+ json.path("agentsNeeded").asInt() + "," + json.path("counsellorsNeeded").asInt() + ","
					+ plain(json.path("serviceLevel")) + "," + plain(json.path("averageSpeedOfAnswerSeconds")) + ",");
		int fewContactsHour = hourOfWeek(fewContacts);
		assertThat(lines.get(1 + fewContactsHour).split(",", -1)).containsSubsequence("suppressed", "suppressed")
			.endsWith("suppressed", "suppressed", "");
		assertThat(StaffingCsv.field("plain")).isEqualTo("plain");
		assertThat(StaffingCsv.field("a,b")).isEqualTo("\"a,b\"");
		assertThat(StaffingCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(StaffingCsv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
	}

	@Test
	void refusesParametersOutOfRange() {
		refused("?weeks=0&target=1&capacity=0", "weeks", "target", "capacity");
		refused("?weeks=53&target=0&answerWithinSeconds=-1", "weeks", "target", "answerWithinSeconds");
		refused("?answerWithinSeconds=3601", "answerWithinSeconds");
		coordinator().get()
			.uri("/api/v1/stats/staffing/export.csv?capacity=0")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_request")
			.jsonPath("$.fields")
			.isEqualTo(List.of("capacity"));
		coordinator().get()
			.uri("/api/v1/stats/staffing?weeks=many")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_request");
	}

	@Test
	void isForCoordinatorsOnly() {
		app.ensureCounsellor("staffing-3", "password-staffing-3", 1);
		Rest.as(app, StaffLogin.of(app.port(), "staffing-3", "password-staffing-3"))
			.get()
			.uri("/api/v1/stats/staffing")
			.exchange()
			.expectStatus()
			.isForbidden();
		Rest.anonymous(app).get().uri("/api/v1/stats/staffing/export.csv").exchange().expectStatus().isUnauthorized();
	}

	private static void refused(String query, String... fields) {
		coordinator().get()
			.uri("/api/v1/stats/staffing" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_request")
			.jsonPath("$.fields")
			.isEqualTo(List.of(fields));
	}

	private static void awaitAvailable(long available, long signedIn) {
		CounsellorPresence presence = app.bean(CounsellorPresence.class);
		await().atMost(WAIT).until(() -> {
			var standings = presence.signedIn().collectList().block(WAIT);
			return standings.size() == signedIn
					&& standings.stream().filter((s) -> s.status() == CounsellorStatus.AVAILABLE).count() == available;
		});
	}

	private static JsonNode get(String query) {
		return coordinator().get()
			.uri("/api/v1/stats/staffing" + query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static WebTestClient coordinator() {
		return Rest.as(app, StaffLogin.of(app.port(), "admin", "admin-test-password"));
	}

	private static JsonNode hour(JsonNode report, ZonedDateTime hour) {
		JsonNode entry = report.path("hours").get(hourOfWeek(hour));
		assertThat(entry.path("hourOfWeek").asInt()).isEqualTo(hourOfWeek(hour));
		return entry;
	}

	private static void assertSuppressed(JsonNode hour, String... figures) {
		for (String figure : figures) {
			assertThat(hour.path(figure).path("suppressed").asBoolean()).as(figure + " is suppressed").isTrue();
		}
	}

	private static String plain(JsonNode number) {
		return java.math.BigDecimal.valueOf(number.asDouble()).stripTrailingZeros().toPlainString();
	}

	private static int hourOfWeek(ZonedDateTime hour) {
		return Periods.of(hour.toInstant(), AMSTERDAM).hourOfWeek();
	}

	/**
	 * An hour at least {@code back} hours ago whose hour of the week is not taken yet and
	 * stays the same in each of the weeks before (a clock change can move it).
	 */
	private static ZonedDateTime hourBack(ZonedDateTime now, int back, List<Integer> taken) {
		for (int h = back;; h++) {
			ZonedDateTime hour = now.minusHours(h);
			Set<Integer> weekly = new java.util.HashSet<>();
			for (int week = 0; week < WEEKS; week++) {
				weekly.add(hourOfWeek(hour.minusWeeks(week)));
			}
			if (weekly.size() == 1 && !taken.contains(hourOfWeek(hour))) {
				taken.add(hourOfWeek(hour));
				return hour;
			}
		}
	}

	/**
	 * A conversation's metadata, as the end of the conversation writes it to the outbox.
	 */
	private static void record(ZonedDateTime startedHour, boolean answered, long activeSeconds) {
		String entry = "{\"startedHour\":" + startedHour.toInstant().toEpochMilli() + ",\"waitedSeconds\":20,"
				+ "\"activeSeconds\":" + activeSeconds + ",\"answered\":" + answered + ",\"endReason\":\""
				+ (answered ? "counsellor_ended" : "visitor_left") + "\",\"counsellor\":"
				+ (answered ? "\"staffing-1\"" : "null") + ",\"intake\":{},\"campaign\":\"DIRECT\","
				+ "\"priorityBand\":1,\"locale\":\"nl\",\"requeues\":0}";
		redis.hset("{uw}:outbox", UUID.randomUUID().toString(), entry);
	}

}
