package nl.uitweg.stats;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import nl.uitweg.conversation.Periods;
import nl.uitweg.registration.Registration;
import nl.uitweg.registration.Taxonomy;

/**
 * A year of made-up conversation records and registrations for the statistics benchmark,
 * shaped like a helpline's: arrivals heaviest in the evenings and at weekends, four in
 * five answered, waits and lengths skewed to the right, a handful of campaigns, some
 * feedback, and registrations with multi-select answers. Seeded, so a run can be
 * repeated.
 */
final class StatisticsBenchmarkData {

	static final int CHUNK = 5_000;

	/** Every so many records, the stored size is measured. */
	private static final int SAMPLE = 10;

	/** Relative arrivals per local hour of the day, 00:00 first: quiet at night. */
	private static final double[] HOUR_OF_DAY = { 0.6, 0.4, 0.25, 0.15, 0.1, 0.1, 0.15, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0,
			1.1, 1.3, 1.6, 1.8, 1.9, 2.1, 2.5, 2.8, 2.8, 2.3, 1.4 };

	private static final String[] CAMPAIGNS = { "DIRECT", "TIKTOK", "INSTAGRAM", "SNAPCHAT", "SCHOOL_TOUR", "POSTER" };

	private static final double[] CAMPAIGN_SHARES = { 0.6, 0.14, 0.1, 0.07, 0.06, 0.03 };

	private static final double ANSWERED_SHARE = 0.8;

	private static final double FEEDBACK_SHARE = 0.3;

	private static final String[] FEEDBACK = { "YES", "PARTLY", "NO" };

	private static final double[] FEEDBACK_SHARES = { 0.55, 0.3, 0.15 };

	private static final int COUNSELLORS = 60;

	private final ZoneId zone;

	private final LocalDate from;

	private final LocalDate to;

	private final Random random;

	private final double registrationsShare;

	private final List<Taxonomy.Field> fields;

	/** The first instant of every hour of the year, and the cumulated arrival weights. */
	private final Instant[] hours;

	private final double[] cumulated;

	private long registrations;

	/**
	 * Sampled BSON sizes of what was stored: count and bytes, of records and
	 * registrations.
	 */
	private final long[] sizes = new long[4];

	/** The distinct groups each tally of the demand statistics comes back with. */
	private final Map<String, Set<String>> groups = new LinkedHashMap<>();

	StatisticsBenchmarkData(ZoneId zone, LocalDate from, LocalDate to, long seed, double registrationsShare) {
		this.zone = zone;
		this.from = from;
		this.to = to;
		this.random = new Random(seed);
		this.registrationsShare = registrationsShare;
		Map<String, String> campaigns = new LinkedHashMap<>();
		Arrays.stream(CAMPAIGNS).skip(1).forEach((code) -> campaigns.put(code, code));
		this.fields = Taxonomy.fields(campaigns);
		Instant start = from.atStartOfDay(zone).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
		int count = (int) Duration.between(start, end).toHours();
		this.hours = new Instant[count];
		this.cumulated = new double[count];
		double sum = 0;
		for (int i = 0; i < count; i++) {
			this.hours[i] = start.plus(Duration.ofHours(i));
			sum += weight(this.hours[i].atZone(zone));
			this.cumulated[i] = sum;
		}
	}

	private static double weight(ZonedDateTime local) {
		DayOfWeek day = local.getDayOfWeek();
		double byDay = switch (day) {
			case FRIDAY -> 1.1;
			case SATURDAY -> 1.3;
			case SUNDAY -> 1.35;
			default -> 1.0;
		};
		return HOUR_OF_DAY[local.getHour()] * byDay;
	}

	LocalDate from() {
		return this.from;
	}

	LocalDate to() {
		return this.to;
	}

	/** Registrations inserted so far. */
	long registrations() {
		return this.registrations;
	}

	/** The mean BSON size of a stored conversation record, in bytes. */
	long recordBytes() {
		return this.sizes[1] / Math.max(1, this.sizes[0]);
	}

	/** The mean BSON size of a stored registration, in bytes. */
	long registrationBytes() {
		return this.sizes[3] / Math.max(1, this.sizes[2]);
	}

	/**
	 * How many groups each of the eight tallies behind the demand statistics returns: by
	 * period, answered and wait; and, of the answered, by period and length.
	 */
	Map<String, Integer> demandGroups() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		this.groups.forEach((tally, keys) -> counts.put(tally, keys.size()));
		return counts;
	}

	/**
	 * Inserts {@code conversations} records, and registrations for a share of the
	 * answered ones, in chunks through the template.
	 */
	void insert(ReactiveMongoTemplate mongo, int conversations, Duration timeout) {
		for (int done = 0; done < conversations; done += CHUNK) {
			int size = Math.min(CHUNK, conversations - done);
			List<Document> records = new ArrayList<>(size);
			List<Registration> registered = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				Document record = conversation();
				records.add(record);
				count(record);
				boolean sampled = (done + i) % SAMPLE == 0;
				if (sampled) {
					measure(0, record);
				}
				if (record.getBoolean("answered") && this.random.nextDouble() < this.registrationsShare) {
					Registration registration = registration(record);
					registered.add(registration);
					if (sampled) {
						Document stored = new Document();
						mongo.getConverter().write(registration, stored);
						measure(2, stored);
					}
				}
			}
			mongo.insert(records, "conversations").then().block(timeout);
			if (!registered.isEmpty()) {
				mongo.insert(registered, Registration.class).then().block(timeout);
			}
			this.registrations += registered.size();
		}
	}

	private void measure(int index, Document stored) {
		this.sizes[index]++;
		this.sizes[index + 1] += new RawBsonDocument(stored, new DocumentCodec()).getByteBuffer().remaining();
	}

	private void count(Document record) {
		Document periods = record.get("periods", Document.class);
		boolean answered = record.getBoolean("answered");
		for (String unit : List.of("week", "month", "quarter", "hourOfWeek")) {
			Object period = periods.get(unit);
			this.groups.computeIfAbsent(unit + ", answered, waitedSeconds", (k) -> new HashSet<>())
				.add(period + "|" + answered + "|" + record.get("waitedSeconds"));
			if (answered) {
				this.groups.computeIfAbsent(unit + ", activeSeconds (answered)", (k) -> new HashSet<>())
					.add(period + "|" + record.get("activeSeconds"));
			}
		}
	}

	/** One record, in the shape {@code ConversationRecords} stores. */
	private Document conversation() {
		Instant started = arrival();
		Periods periods = Periods.of(started, this.zone);
		boolean answered = this.random.nextDouble() < ANSWERED_SHARE;
		long waited = answered ? logNormal(45, 1.0, 1_800) : logNormal(150, 0.9, 3_600);
		long active = answered ? logNormal(1_500, 0.6, 4 * 3_600) : 0;
		boolean acute = this.random.nextDouble() < 0.02;
		Document intake = new Document();
		if (this.random.nextDouble() < 0.4) {
			intake.append("contactRole", pick(Taxonomy.codesOf("contactRole")));
		}
		if (this.random.nextDouble() < 0.5) {
			intake.append("ageGroup", pick(Taxonomy.codesOf("ageGroup")));
		}
		if (acute) {
			intake.append("acuteDanger", true);
		}
		Document record = new Document("_id", new UUID(this.random.nextLong(), this.random.nextLong()).toString())
			.append("startedHour", Date.from(started))
			.append("periods",
					new Document("week", periods.week()).append("month", periods.month())
						.append("quarter", periods.quarter())
						.append("hourOfWeek", periods.hourOfWeek()))
			.append("waitedSeconds", waited)
			.append("activeSeconds", active)
			.append("answered", answered)
			.append("endReason",
					answered ? ((this.random.nextDouble() < 0.6) ? "counsellor_ended" : "visitor_left")
							: "visitor_left")
			.append("counsellor", answered ? "counsellor-" + this.random.nextInt(COUNSELLORS) : null)
			.append("intake", intake)
			.append("campaign", CAMPAIGNS[weighted(CAMPAIGN_SHARES)])
			.append("priorityBand", acute ? 0 : 1)
			.append("locale", (this.random.nextDouble() < 0.9) ? "nl" : "en")
			.append("requeues", (this.random.nextDouble() < 0.05) ? 1 : 0);
		if (answered && this.random.nextDouble() < FEEDBACK_SHARE) {
			record.append("feedback", FEEDBACK[weighted(FEEDBACK_SHARES)]);
		}
		return record;
	}

	/** A registration of an answered record: most fields answered, codes skewed. */
	private Registration registration(Document record) {
		Map<String, Object> answers = new LinkedHashMap<>();
		for (Taxonomy.Field field : this.fields) {
			if (field.name().equals("entryChannel")) {
				answers.put(field.name(), record.getString("campaign"));
				continue;
			}
			if (field.onlyWith().isPresent() && !mentions(answers, field.onlyWith().get())) {
				continue;
			}
			if (this.random.nextDouble() >= 0.9) {
				continue;
			}
			List<String> codes = List.copyOf(field.codes().keySet());
			if (field.multi()) {
				int wanted = 1 + weighted(new double[] { 0.6, 0.3, 0.1 });
				Set<String> chosen = new LinkedHashSet<>();
				while (chosen.size() < Math.min(wanted, codes.size())) {
					chosen.add(codes.get(zipf(codes.size())));
				}
				answers.put(field.name(), List.copyOf(chosen));
			}
			else {
				answers.put(field.name(), codes.get(zipf(codes.size())));
			}
		}
		Instant started = record.getDate("startedHour").toInstant();
		return new Registration(record.getString("_id"), record.getString("counsellor"), started,
				started.plus(Duration.ofHours(1)), answers, record.getString("campaign"), record.getString("feedback"));
	}

	private static boolean mentions(Map<String, Object> answers, String code) {
		return answers.values().stream().anyMatch((v) -> (v instanceof List<?> list) ? list.contains(code) : false);
	}

	private Instant arrival() {
		double point = this.random.nextDouble() * this.cumulated[this.cumulated.length - 1];
		int index = Arrays.binarySearch(this.cumulated, point);
		return this.hours[(index >= 0) ? index : -index - 1];
	}

	/** Whole seconds from a log-normal distribution with this median, at most a cap. */
	private long logNormal(double median, double sigma, long cap) {
		return Math.min(cap, Math.round(median * Math.exp(sigma * this.random.nextGaussian())));
	}

	/** An index from 0 to n-1, the first most likely (weights 1, 1/2, 1/3 ...). */
	private int zipf(int n) {
		double[] weights = new double[n];
		for (int i = 0; i < n; i++) {
			weights[i] = 1.0 / (i + 1);
		}
		return weighted(weights);
	}

	private int weighted(double[] weights) {
		double point = this.random.nextDouble() * Arrays.stream(weights).sum();
		for (int i = 0; i < weights.length; i++) {
			point -= weights[i];
			if (point < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	private String pick(Set<String> codes) {
		List<String> list = List.copyOf(codes);
		return list.get(this.random.nextInt(list.size()));
	}

}
