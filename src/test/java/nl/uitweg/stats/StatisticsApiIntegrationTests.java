package nl.uitweg.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import nl.uitweg.conversation.Periods;
import nl.uitweg.registration.Registration;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Rest;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.platform.StatisticsReads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics a coordinator reads, checked cell by cell against data loaded for the
 * purpose: the report's own distribution comes back with its percentages, small counts
 * come back suppressed, and the CSV says the same as the JSON.
 */
class StatisticsApiIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** February 2032: a month no other test writes in. */
	private static final String FROM = "2032-02-01";

	private static final String TO = "2032-02-29";

	private static AppInstance app;

	private static StaffLogin coordinator;

	@BeforeAll
	static void load() {
		app = AppInstance.shared("A");
		assertThat(app.bean(StatisticsReads.Properties.class).readConcern())
			.as("every statistics read below asks for a majority read concern")
			.isEqualTo(StatisticsReads.Level.MAJORITY);
		coordinator = StaffLogin.of(app.port(), "admin", "admin-test-password");
		ReactiveMongoTemplate mongo = app.bean(ReactiveMongoTemplate.class);
		mongo
			.remove(org.springframework.data.mongodb.core.query.Query
				.query(org.springframework.data.mongodb.core.query.Criteria.where("counsellor").is("stats-report")),
					Registration.class)
			.block(Duration.ofSeconds(30));
		mongo.insertAll(reportRegistrations()).collectList().block(Duration.ofSeconds(60));
		mongo.insert(conversations(), "conversations").collectList().block(Duration.ofSeconds(30));
	}

	/**
	 * 821 registrations with the report's forced-crime forms (multi-select): drugs 393,
	 * money mule and front person 320 each, theft 246, credit purchase 222, recruiting
	 * 181, begging 3; genders 500 male, 318 female, 3 other.
	 */
	private static List<Registration> reportRegistrations() {
		List<Registration> all = new ArrayList<>();
		for (int i = 0; i < 821; i++) {
			List<String> forms = new ArrayList<>();
			add(forms, i < 393, "DRUGS");
			add(forms, i >= 100 && i < 420, "MONEY_MULE");
			add(forms, i >= 400 && i < 720, "FRONT_PERSON");
			add(forms, i >= 500 && i < 746, "THEFT");
			add(forms, i >= 599 && i < 821, "CREDIT_PURCHASE");
			add(forms, i >= 640 && i < 821, "RECRUITING_FOR_PROSTITUTION");
			add(forms, i < 3, "BEGGING");
			String gender = (i < 500) ? "MALE" : (i < 818) ? "FEMALE" : "OTHER";
			Instant started = Instant.parse("2032-02-03T10:00:00Z").plus(Duration.ofHours(i % 500));
			all.add(new Registration(UUID.randomUUID().toString(), "stats-report", started, started,
					Map.of("forcedCrimeForms", forms, "gender", gender), (i % 2 == 0) ? "DIRECT" : "TIKTOK",
					(i < 50) ? "YES" : null));
		}
		return all;
	}

	private static void add(List<String> forms, boolean condition, String code) {
		if (condition) {
			forms.add(code);
		}
	}

	/**
	 * Conversations on two Mondays of February, all at 10:00 in Amsterdam: in week 6, 12
	 * contacts (10 answered after 30, 60 ... 300 s, for 600 s each; 2 abandoned); in week
	 * 7, 20 contacts (14 answered after 20 s, for 900 s; 6 abandoned).
	 */
	private static List<Document> conversations() {
		List<Document> all = new ArrayList<>();
		Instant week6 = Instant.parse("2032-02-02T09:00:00Z");
		Instant week7 = Instant.parse("2032-02-09T09:00:00Z");
		for (int i = 0; i < 12; i++) {
			all.add(conversation(week6, i < 10, (i < 10) ? 30L * (i + 1) : 400, 600));
		}
		for (int i = 0; i < 20; i++) {
			all.add(conversation(week7, i < 14, (i < 14) ? 20 : 500, 900));
		}
		return all;
	}

	private static Document conversation(Instant started, boolean answered, long waited, long active) {
		Periods periods = Periods.of(started, ZONE);
		return new Document("_id", UUID.randomUUID().toString()).append("startedHour", java.util.Date.from(started))
			.append("periods",
					new Document("week", periods.week()).append("month", periods.month())
						.append("quarter", periods.quarter())
						.append("hourOfWeek", periods.hourOfWeek()))
			.append("waitedSeconds", waited)
			.append("activeSeconds", answered ? active : 0)
			.append("answered", answered)
			.append("endReason", answered ? "counsellor_ended" : "visitor_abandoned")
			.append("counsellor", answered ? "stats" : null)
			.append("intake", new Document())
			.append("campaign", "DIRECT")
			.append("priorityBand", 1)
			.append("locale", "nl")
			.append("requeues", 0);
	}

	@Test
	void theReportsDistributionComesBackWithItsPercentages() {
		JsonNode body = get("/api/v1/stats/registrations?from=" + FROM + "&to=" + TO);
		assertThat(body.path("k").asInt()).isEqualTo(5);
		assertThat(body.path("total").asLong()).isEqualTo(821);
		JsonNode forms = body.path("fields").path("forcedCrimeForms");
		assertThat(forms.path("multi").asBoolean()).isTrue();
		assertThat(forms.path("answered").asLong()).isEqualTo(821);
		assertPercent(forms, "DRUGS", 393, "47.9");
		assertPercent(forms, "MONEY_MULE", 320, "39.0");
		assertPercent(forms, "FRONT_PERSON", 320, "39.0");
		assertPercent(forms, "THEFT", 246, "30.0");
		assertPercent(forms, "CREDIT_PURCHASE", 222, "27.0");
		assertPercent(forms, "RECRUITING_FOR_PROSTITUTION", 181, "22.0");
		assertThat(forms.path("values").path("BEGGING").path("suppressed").asBoolean()).isTrue();
		assertThat(forms.path("values").path("BEGGING").has("count")).isFalse();
		assertThat(forms.path("values").path("ROBBERY").path("count").asLong()).isZero();
		// Single-select: OTHER (3) is small, so the next smallest answer goes too, or
		// 821 - 500 - 318 would give it away.
		JsonNode gender = body.path("fields").path("gender").path("values");
		assertThat(gender.path("OTHER").path("suppressed").asBoolean()).isTrue();
		assertThat(gender.path("FEMALE").path("suppressed").asBoolean()).isTrue();
		assertThat(gender.path("MALE").path("count").asLong()).isEqualTo(500);
		assertThat(body.path("fields").path("region").path("answered").asLong()).isZero();
	}

	private static void assertPercent(JsonNode field, String code, long count, String percent) {
		JsonNode value = field.path("values").path(code);
		assertThat(value.path("count").asLong()).as(code).isEqualTo(count);
		assertThat(value.path("percent").decimalValue()).as(code).isEqualByComparingTo(percent);
	}

	@Test
	void theCsvSaysWhatTheJsonSays() {
		String csv = Rest.as(app, coordinator)
			.get()
			.uri("/api/v1/stats/registrations/export.csv?from=" + FROM + "&to=" + TO)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/csv")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		List<String> lines = List.of(csv.split("\r\n"));
		assertThat(lines.get(0)).isEqualTo("from,to,k,query,field,code,count,percent");
		assertThat(lines).contains(FROM + "," + TO + ",5,registrations,total,,821,",
				FROM + "," + TO + ",5,registrations,forcedCrimeForms,DRUGS,393,47.9",
				FROM + "," + TO + ",5,registrations,forcedCrimeForms,BEGGING,suppressed,suppressed",
				FROM + "," + TO + ",5,registrations,gender,OTHER,suppressed,suppressed");
	}

	@Test
	void demandByWeekCountsSuppressesAndKeepsTheRowsAddingUp() {
		JsonNode weeks = get("/api/v1/stats/demand?from=" + FROM + "&to=" + TO + "&by=week");
		// 2 abandoned in week 6 is small. contacts = answered + abandoned would give it
		// away, so answered goes too; then the answered column would, so week 7's goes,
		// and with it week 7's abandoned. Contacts and the totals stay.
		JsonNode week6 = period(weeks, "2032-W06");
		assertThat(week6.path("contacts").asLong()).isEqualTo(12);
		assertThat(week6.path("answered").path("suppressed").asBoolean()).isTrue();
		assertThat(week6.path("abandoned").path("suppressed").asBoolean()).isTrue();
		assertThat(week6.path("waitP50Seconds").path("suppressed").asBoolean()).isTrue();
		JsonNode week7 = period(weeks, "2032-W07");
		assertThat(week7.path("contacts").asLong()).isEqualTo(20);
		assertThat(week7.path("answered").path("suppressed").asBoolean()).isTrue();
		assertThat(week7.path("abandoned").path("suppressed").asBoolean()).isTrue();
		assertThat(period(weeks, "2032-W05").path("contacts").asLong()).isZero();
		assertThat(period(weeks, "2032-W08").path("contacts").asLong()).isZero();
		assertThat(weeks.path("total").path("contacts").asLong()).isEqualTo(32);
		assertThat(weeks.path("total").path("abandoned").asLong()).isEqualTo(8);
		assertThat(weeks.path("hoursOfWeek")).hasSize(168);
		assertThat(weeks.path("hoursOfWeek").get(10).path("day").asString()).isEqualTo("MONDAY");
		assertThat(weeks.path("hoursOfWeek").get(10).path("contacts").asLong()).isEqualTo(32);
		assertThat(weeks.path("hoursOfWeek").get(11).path("contacts").asLong()).isZero();

		JsonNode february = period(get("/api/v1/stats/demand?from=" + FROM + "&to=" + TO + "&by=month"), "2032-02");
		assertThat(february.path("answered").asLong()).isEqualTo(24);
		// Waits: 14 of 20 s, then 30, 60 ... 300 s. Nearest rank: the 12th and the 22nd.
		assertThat(february.path("waitP50Seconds").asLong()).isEqualTo(20);
		assertThat(february.path("waitP90Seconds").asLong()).isEqualTo(240);
		assertThat(february.path("lengthP50Seconds").asLong()).isEqualTo(900);
		// Answered within 60 s: 14 + 2 of 32 contacts.
		assertThat(february.path("serviceLevel").asDouble()).isEqualTo(0.5);
	}

	@Test
	void aCrossTabulationNeverUndoesTheOneWayTables() {
		JsonNode body = get("/api/v1/stats/registrations/crosstab?from=" + FROM + "&to=" + TO
				+ "&rows=gender&columns=forcedCrimeForms");
		assertThat(body.path("withheld").asBoolean()).isFalse();
		assertThat(body.path("cells").path("MALE").path("DRUGS").asLong()).isEqualTo(393);
		assertThat(body.path("cells").path("OTHER").path("CREDIT_PURCHASE").path("suppressed").asBoolean()).isTrue();
		// FEMALE was suppressed in the one-way table: its row total stays suppressed
		// here.
		assertThat(body.path("rowTotals").path("FEMALE").path("suppressed").asBoolean()).isTrue();
		assertThat(body.path("rowTotals").path("MALE").asLong()).isEqualTo(500);
	}

	@Test
	void campaignsAddUpToTheContactsAndRegistrationsOfTheRange() {
		JsonNode body = get("/api/v1/stats/campaigns?from=" + FROM + "&to=" + TO);
		assertThat(body.path("withheld").asBoolean()).isFalse();
		JsonNode direct = campaign(body, "DIRECT");
		assertThat(direct.path("contacts").asLong()).isEqualTo(32);
		assertThat(direct.path("answered").asLong()).isEqualTo(24);
		assertThat(direct.path("registered").asLong()).isEqualTo(411);
		assertThat(campaign(body, "TIKTOK").path("registered").asLong()).isEqualTo(410);
		assertThat(campaign(body, "TIKTOK").path("contacts").asLong()).isZero();
	}

	@Test
	void feedbackIsCountedByAnswerAndByPeriod() {
		JsonNode byGender = get("/api/v1/stats/feedback/by-answer?from=" + FROM + "&to=" + TO + "&field=gender");
		assertThat(byGender.path("cells").path("MALE").path("YES").asLong()).isEqualTo(50);
		assertThat(byGender.path("cells").path("FEMALE").path("YES").asLong()).isZero();
		assertThat(byGender.path("columnTotals").path("YES").asLong()).isEqualTo(50);
		assertThat(byGender.path("total").asLong()).isEqualTo(50);
		JsonNode byMonth = get("/api/v1/stats/feedback?from=" + FROM + "&to=" + TO + "&by=month");
		assertThat(byMonth.path("periods").get(0).path("period").asString()).isEqualTo("2032-02");
		assertThat(byMonth.path("total").path("total").asLong()).isZero();
	}

	private static JsonNode campaign(JsonNode body, String code) {
		for (JsonNode row : body.path("campaigns")) {
			if (row.path("code").asString().equals(code)) {
				return row;
			}
		}
		throw new AssertionError("No campaign " + code + " in " + body);
	}

	@Test
	void aCounsellorReadsNoStatistics() {
		app.ensureCounsellor("stats-c", "password-stats-c", 1);
		Rest.as(app, StaffLogin.of(app.port(), "stats-c", "password-stats-c"))
			.get()
			.uri("/api/v1/stats/registrations?from=" + FROM + "&to=" + TO)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void badQueriesAreRefusedByName() {
		Rest.as(app, coordinator)
			.get()
			.uri("/api/v1/stats/registrations?from=2032-02-10&to=2032-02-01")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_request");
		Rest.as(app, coordinator)
			.get()
			.uri("/api/v1/stats/demand?from=" + FROM + "&to=" + TO + "&by=day")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.fields[0]")
			.isEqualTo("by");
		Rest.as(app, coordinator)
			.get()
			.uri("/api/v1/stats/registrations/crosstab?from=" + FROM + "&to=" + TO + "&rows=gender&columns=shoeSize")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private static JsonNode period(JsonNode body, String period) {
		for (JsonNode row : body.path("periods")) {
			if (row.path("period").asString().equals(period)) {
				return row;
			}
		}
		throw new AssertionError("No period " + period + " in " + body.path("periods"));
	}

	private static JsonNode get(String uri) {
		byte[] body = Rest.as(app, coordinator)
			.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

}
