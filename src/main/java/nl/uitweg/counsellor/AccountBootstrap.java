package nl.uitweg.counsellor;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

	private Mono<Void> createAdmin() {
		boolean generated = !StringUtils.hasText(this.properties.adminPassword());
		String password = generated ? generatePassword() : this.properties.adminPassword();
		return this.directory.create("admin", password, "Coordinator", Set.of(Role.COORDINATOR), 0)
			.doOnNext((account) -> {
				if (generated) {
					// Printed once, on purpose: the operator has no other way to learn
					// it.
					System.out.println("Uitweg: created coordinator 'admin' with generated password: " + password);
				}
				else {
					log.info("Created coordinator 'admin' with the password from UITWEG_ADMIN_PASSWORD");
				}
			})
			.onErrorResume(UsernameTaken.class, (ex) -> Mono.empty())
			.then();
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

	private static String generatePassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
