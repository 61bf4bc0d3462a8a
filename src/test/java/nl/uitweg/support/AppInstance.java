package nl.uitweg.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import nl.uitweg.UitwegApplication;
import nl.uitweg.counsellor.Role;
import nl.uitweg.counsellor.StaffDirectory;

/**
 * One running application instance on a random port, wired to the shared test backends.
 * Instances with the same name and settings are reused across test classes, like Spring's
 * test context cache, to keep the suite fast.
 */
public final class AppInstance implements AutoCloseable {

	private static final Map<String, AppInstance> SHARED = new ConcurrentHashMap<>();

	private static final Set<String> CREATED_ACCOUNTS = ConcurrentHashMap.newKeySet();

	/**
	 * Every test client comes from 127.0.0.1 and most send faster than a person: limits
	 * out of reach, except where a test sets its own (LimitsIntegrationTests).
	 */
	public static final Map<String, Object> LIMITS_OUT_OF_REACH = Map.of("uitweg.visitor.limits.sessions-per-address",
			1_000_000, "uitweg.queue.limits.acute-starts", 1_000_000, "uitweg.queue.limits.max-length", 1_000_000,
			"uitweg.conversation.limits.visitor-messages", 1_000_000, "uitweg.conversation.limits.counsellor-messages",
			1_000_000, "uitweg.conversation.limits.typing-burst", 1_000_000);

	/**
	 * A setting's value that leaves the setting out altogether, e.g. the shared Redis URL
	 * for an instance that must read its own from a mounted secret.
	 */
	public static final String UNSET = "<unset>";

	private final ConfigurableApplicationContext context;

	private final String name;

	private AppInstance(String name, Map<String, Object> extra) {
		this(name, extra, true, true);
	}

	private AppInstance(String name, Map<String, Object> extra, boolean sharedBackends, boolean apiDocs) {
		this.name = name;
		Map<String, Object> properties = new HashMap<>(sharedBackends ? TestBackends.get().properties() : Map.of());
		if (!sharedBackends) {
			// Embedded backends start only in the dev (or demo) profile.
			properties.put("spring.profiles.active", "dev");
		}
		if (apiDocs) {
			// Off by default in production; tests read the REST reference.
			properties.put("springdoc.api-docs.enabled", true);
		}
		properties.put("server.port", 0);
		properties.put("uitweg.counsellor.admin-password", "admin-test-password");
		properties.put("uitweg.queue.dispatch-interval", "200ms");
		properties.put("uitweg.queue.position-refresh", "1s");
		properties.put("uitweg.queue.position-debounce", "200ms");
		properties.put("uitweg.transport.resume-fallback", "500ms");
		properties.put("spring.main.banner-mode", "off");
		properties.putAll(LIMITS_OUT_OF_REACH);
		properties.putAll(extra);
		properties.values().removeIf(UNSET::equals);
		// Passed as arguments: they must override application.yml, which default
		// properties do not.
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		SpringApplication application = new SpringApplicationBuilder(UitwegApplication.class)
			.web(WebApplicationType.REACTIVE)
			.build();
		// Several instances share this JVM: each gets its own event loops, so closing one
		// (as a test of instance death does) cannot take down the global loops of the
		// others.
		application
			.addInitializers((context) -> ((org.springframework.context.support.GenericApplicationContext) context)
				.registerBean(org.springframework.http.client.ReactorResourceFactory.class, () -> {
					var factory = new org.springframework.http.client.ReactorResourceFactory();
					factory.setUseGlobalResources(false);
					return factory;
				}));
		this.context = application.run(args);
		TestBackends.get().beforeStop(this::close);
	}

	/** A shared instance, started on first use and kept for the rest of the JVM. */
	public static AppInstance shared(String name) {
		return SHARED.computeIfAbsent(name, (n) -> new AppInstance(n, Map.of()));
	}

	/**
	 * An instance on its own embedded servers, as {@code ./mvnw spring-boot:run} starts
	 * it: in the dev profile.
	 */
	public static AppInstance embedded(String name, Map<String, Object> extra) {
		return new AppInstance(name, extra, false, false);
	}

	/**
	 * A private instance on the shared backends with the production defaults for what a
	 * test instance otherwise turns on (the OpenAPI description); close it at the end.
	 */
	public static AppInstance production(String name) {
		return new AppInstance(name, Map.of(), true, false);
	}

	/** A private instance with its own settings; close it at the end of the test. */
	public static AppInstance start(String name, Map<String, Object> extra) {
		return new AppInstance(name, extra);
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public String name() {
		return this.name;
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Creates a counsellor account once per JVM (accounts live in the shared MongoDB).
	 */
	public void ensureCounsellor(String username, String password, int capacity) {
		if (CREATED_ACCOUNTS.add(username)) {
			bean(StaffDirectory.class).find(username)
				.switchIfEmpty(bean(StaffDirectory.class).create(username, password, "Counsellor " + username,
						Set.of(Role.COUNSELLOR), capacity))
				.block(Duration.ofSeconds(10));
		}
	}

	public static List<AppInstance> two() {
		return List.of(shared("A"), shared("B"));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
