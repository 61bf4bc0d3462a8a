package nl.uitweg.counsellor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the first coordinator on a database without staff, and the demo counsellors
 * under the {@code demo} profile. Runs as a lifecycle phase before the web server opens
 * its port, so nobody can sign in before the accounts exist.
 */
@Component
class AccountBootstrap implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AccountBootstrap.class);

	private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);

	private final StaffDirectory directory;

	private final CounsellorProperties properties;

	private final Environment environment;

	private volatile boolean running;

	AccountBootstrap(StaffDirectory directory, CounsellorProperties properties, Environment environment) {
		this.directory = directory;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void start() {
		// Start-up runs on the main thread, never an event loop: waiting here is what
		// keeps the port closed until the accounts exist.
		seed().block(STARTUP_LIMIT);
		this.running = true;
	}

	Mono<Void> seed() {
		Mono<Void> admin = this.directory.count().filter((count) -> count == 0).flatMap((none) -> createAdmin());
		Mono<Void> demo = this.environment.acceptsProfiles(Profiles.of("demo")) ? createDemoCounsellors()
				: Mono.empty();
		return admin.then(demo);
	}

	/**
	 * A generated password is written to its file before the account exists, so an
	 * account is never left with a password nobody can learn.
	 */
	private Mono<Void> createAdmin() {
		boolean local = this.environment.acceptsProfiles(Profiles.of("dev", "demo"));
		AdminPassword admin = AdminPassword.choose(this.properties, local);
		Path file = this.properties.adminPasswordFile();
		boolean toFile = admin.generated() && !local;
		Mono<Void> before = toFile
				? Mono.<Void>fromRunnable(() -> admin.writeTo(file)).subscribeOn(Schedulers.boundedElastic())
				: Mono.empty();
		return before.then(this.directory.create("admin", admin.password(), "Coordinator", Set.of(Role.COORDINATOR), 0))
			.doOnNext((account) -> {
				if (!admin.generated()) {
					log.info("Created coordinator 'admin' with the password from UITWEG_ADMIN_PASSWORD");
				}
				else if (toFile) {
					log.info("Created coordinator 'admin'; its generated password is in {}, readable by its owner "
							+ "only: delete the file once you have it", file.toAbsolutePath());
				}
				else {
					admin.print();
				}
			})
			.then()
			.onErrorResume(UsernameTaken.class,
					(ex) -> toFile ? Mono.<Void>fromRunnable(() -> AdminPassword.discard(file))
						.subscribeOn(Schedulers.boundedElastic()) : Mono.empty());
	}

	private Mono<Void> createDemoCounsellors() {
		return Flux.just("demo1", "demo2")
			.concatMap((name) -> this.directory.find(name)
				.hasElement()
				.flatMap((exists) -> exists ? Mono.empty()
						: this.directory.create(name, "demo", "Demo " + name.substring(4), Set.of(Role.COUNSELLOR), 3)
							.doOnNext((account) -> log.info("Created demo counsellor '{}'", name))
							.onErrorResume(UsernameTaken.class, (ex) -> Mono.empty())))
			.then();
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Before the web server (which starts in a late phase).
		return 0;
	}

}
