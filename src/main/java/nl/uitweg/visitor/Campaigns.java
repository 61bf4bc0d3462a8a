package nl.uitweg.visitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import nl.uitweg.platform.BackgroundLoop;
import nl.uitweg.platform.Timers;

/**
 * The campaigns coordinators keep in the {@code campaigns} collection. Each instance
 * keeps the last list it read and rereads it periodically and after a change of its own,
 * so visitors never wait on MongoDB (with no list ever read, the codes in
 * {@code uitweg.visitor.campaigns} count as live). At start-up, before the web server
 * opens its port, configured codes the collection lacks are added.
 */
@Service
public class Campaigns extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(Campaigns.class);

	private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);

	private final ReactiveMongoTemplate mongo;

	private final VisitorProperties properties;

	private final Clock clock;

	private final Timers timers;

	/** The codes in {@code uitweg.visitor.campaigns}, normalised. */
	private final List<String> configured;

	/** Numbers the reads in the order they start, so a slow older read never wins. */
	private final AtomicLong reads = new AtomicLong();

	private final AtomicReference<Known> known;

	private volatile boolean seeded;

	Campaigns(ReactiveMongoTemplate mongo, VisitorProperties properties, Clock clock, Timers timers) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
		this.timers = timers;
		this.configured = configured(properties.campaigns());
		Instant now = now();
		this.known = new AtomicReference<>(
				Known.of(0, this.configured.stream().map((code) -> new Campaign(code, code, now, null)).toList()));
	}

	/** One read of the collection: every campaign, and the codes of the live ones. */
	private record Known(long read, List<Campaign> all, Set<String> active) {

		static Known of(long read, List<Campaign> all) {
			return new Known(read, List.copyOf(all),
					all.stream().filter(Campaign::live).map(Campaign::code).collect(Collectors.toUnmodifiableSet()));
		}

	}

	/** The codes a new visitor session may carry. */
	public Set<String> active() {
		return this.known.get().active();
	}

	/** Every campaign, retired ones included, by code. */
	public List<Campaign> all() {
		return this.known.get().all();
	}

	/**
	 * Creates a live campaign; fails with {@code CampaignInvalid} for a malformed or
	 * reserved code or a blank or long label, {@code CampaignExists} for a code in use.
	 */
	public Mono<Campaign> create(String code, String label) {
		String name = label.strip();
		List<String> faults = new ArrayList<>();
		if (!Campaign.wellFormedCode(code)) {
			faults.add("code");
		}
		if (name.isEmpty() || name.length() > Campaign.LABEL_LIMIT) {
			faults.add("label");
		}
		if (!faults.isEmpty()) {
			return Mono.error(new CampaignInvalid(faults));
		}
		return Mono.defer(() -> this.mongo.insert(new Campaign(code, name, now(), null)))
			.onErrorMap(DuplicateKeyException.class, (ex) -> new CampaignExists())
			.doOnNext((campaign) -> log.info("Campaign {} created", code))
			.flatMap((campaign) -> rereadAfterChange().thenReturn(campaign));
	}

	/**
	 * Retires a campaign: new sessions with its code count as DIRECT from now on.
	 * Retiring a retired campaign changes nothing. Fails with {@code CampaignNotFound}.
	 */
	public Mono<Campaign> retire(String code) {
		if (!Campaign.wellFormedCode(code)) {
			return Mono.error(new CampaignNotFound());
		}
		return this.mongo.findById(code, Campaign.class)
			.switchIfEmpty(Mono.error(CampaignNotFound::new))
			.flatMap((campaign) -> campaign.live() ? this.mongo.save(campaign.retired(now()))
				.doOnNext((retired) -> log.info("Campaign {} retired", code)) : Mono.just(campaign))
			.flatMap((campaign) -> rereadAfterChange().thenReturn(campaign));
	}

	/**
	 * The list as MongoDB has it now (for coordinators, who must see changes made on
	 * other instances), or the kept one while it cannot be read.
	 */
	Mono<List<Campaign>> current() {
		return reread().onErrorResume((ex) -> Mono.just(all()));
	}

	/** The change is stored; failing to reread it must not make it look failed. */
	private Mono<List<Campaign>> rereadAfterChange() {
		return reread().onErrorResume((ex) -> {
			log.warn("Rereading the campaigns after a change failed: {}", ex.toString());
			return Mono.just(all());
		});
	}

	private Mono<List<Campaign>> reread() {
		return Mono.defer(() -> {
			long read = this.reads.incrementAndGet();
			return this.mongo.find(new Query().with(Sort.by("_id")), Campaign.class)
				.collectList()
				.map((all) -> this.known.updateAndGet((kept) -> (kept.read() < read) ? Known.of(read, all) : kept))
				.map(Known::all);
		});
	}

	/** Adds the configured codes the collection lacks; a retired one stays retired. */
	private Mono<Void> seed() {
		return Flux.fromIterable(this.configured)
			.concatMap((code) -> this.mongo.insert(new Campaign(code, code, now(), null))
				.doOnNext((campaign) -> log.info("Campaign {} created from uitweg.visitor.campaigns", code))
				.onErrorResume(DuplicateKeyException.class, (ex) -> Mono.empty()))
			.then(Mono.fromRunnable(() -> this.seeded = true));
	}

	/** The configured codes, upper-cased; malformed and reserved ones are left out. */
	private static List<String> configured(List<String> entries) {
		Set<String> codes = new LinkedHashSet<>();
		for (String entry : entries) {
			String code = entry.strip().toUpperCase(Locale.ROOT);
			if (Campaign.wellFormedCode(code)) {
				codes.add(code);
			}
			else if (!code.isEmpty()) {
				log.warn("Ignoring campaign code '{}' in uitweg.visitor.campaigns: not a code a campaign may have",
						code);
			}
		}
		return List.copyOf(codes);
	}

	private Instant now() {
		// MongoDB keeps milliseconds: what a call answers equals what a later read gives.
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	@Override
	public void start() {
		// Start-up runs on the main thread, never an event loop: waiting here lets the
		// first visitors find the seeded campaigns. MongoDB being down must not stop the
		// start, so a failure leaves the seeding to the loop.
		try {
			pass().block(STARTUP_LIMIT);
		}
		catch (RuntimeException ex) {
			log.warn("Reading the campaigns at start-up failed, retrying in the background: {}", ex.toString());
		}
		super.start();
	}

	@Override
	public int getPhase() {
		// Before the web server (which starts in a late phase).
		return 0;
	}

	@Override
	protected Flux<?> loop() {
		Duration refresh = this.properties.campaignRefresh();
		return passes(Flux.interval(refresh, refresh, this.timers.scheduler()), this::pass, "Reading the campaigns");
	}

	private Mono<List<Campaign>> pass() {
		return (this.seeded ? Mono.<Void>empty() : seed()).then(reread());
	}

}
