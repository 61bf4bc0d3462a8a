package nl.uitweg.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.web.reactive.function.client.WebClient;

import nl.uitweg.support.AppInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files cannot be run here (no container engine), so they are checked
 * against the application itself: ports, probe paths (asked of a running instance),
 * environment names (against what application*.yml reads), and the references between the
 * manifests (selectors, Secret and ConfigMap keys, Service and Ingress ports).
 */
class DeploymentManifestsIntegrationTests {

	private static final Path KUBERNETES = Path.of("deploy/kubernetes");

	/**
	 * Read by the JVM or Spring Boot itself rather than by application.yml: the profile,
	 * and the Sentinel settings and replication count, by relaxed binding.
	 */
	private static final Set<String> PLATFORM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "SPRING_PROFILES_ACTIVE",
			"SPRING_DATA_REDIS_SENTINEL_MASTER", "SPRING_DATA_REDIS_SENTINEL_NODES",
			"SPRING_DATA_REDIS_SENTINEL_PASSWORD", "SPRING_DATA_REDIS_PASSWORD",
			"UITWEG_CONVERSATION_REPLICATION_REPLICAS");

	private static AppInstance app;

	@BeforeAll
	static void start() {
		app = AppInstance.start("manifests", Map.of());
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void theDeploymentUsesThePortProbesAndVariablesTheApplicationHas() throws IOException {
		Map<String, Object> deployment = only("Deployment");
		Map<String, Object> container = first(list(path(deployment, "spec.template.spec.containers")));
		Map<String, Object> port = first(list(container.get("ports")));
		assertThat(port).containsEntry("name", "http").containsEntry("containerPort", serverPortDefault());
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			Map<String, Object> get = map(path(map(container.get(probe)), "httpGet"));
			assertThat(get.get("port")).as(probe).isEqualTo("http");
			String probePath = (String) get.get("path");
			assertThat(probePath).as(probe).startsWith("/actuator/health/");
			assertThat(status(probePath)).as(probe + " " + probePath + " on a running instance").isEqualTo(200);
		}
		Set<String> variables = new HashSet<>();
		list(container.get("env")).forEach((entry) -> variables.add((String) map(entry).get("name")));
		variables.addAll(map(only("ConfigMap").get("data")).keySet());
		assertThat(variables).as("variables the application reads")
			.isSubsetOf(union(applicationVariables(), PLATFORM_VARIABLES))
			.contains("REDIS_URL", "MONGODB_URI", "UITWEG_ADMIN_PASSWORD");
		assertThat(map(only("ConfigMap").get("data"))).containsEntry("PORT", String.valueOf(serverPortDefault()));
		// Longer than Spring's graceful shutdown phase (30 s unless configured).
		assertThat((Integer) path(deployment, "spec.template.spec.terminationGracePeriodSeconds")).isGreaterThan(30);
		assertThat((Integer) path(deployment, "spec.template.spec.securityContext.runAsUser")).isPositive();
	}

	@Test
	void theManifestsReferToEachOther() throws IOException {
		Map<String, Object> deployment = only("Deployment");
		Map<String, Object> labels = map(path(deployment, "spec.template.metadata.labels"));
		Map<String, Object> container = first(list(path(deployment, "spec.template.spec.containers")));
		assertThat(map(path(deployment, "spec.selector.matchLabels"))).isEqualTo(labels);
		// Secrets and config maps named by the deployment exist with those keys.
		Map<String, Object> secret = onlyIn("secret.template.yaml", "Secret");
		for (Object entry : list(container.get("env"))) {
			Map<String, Object> ref = map(path(map(entry), "valueFrom.secretKeyRef"));
			assertThat(ref.get("name")).isEqualTo(path(secret, "metadata.name"));
			assertThat(map(secret.get("stringData"))).containsKey((String) ref.get("key"));
		}
		Map<String, Object> configMapRef = map(path(first(list(container.get("envFrom"))), "configMapRef"));
		assertThat(configMapRef.get("name")).isEqualTo(path(only("ConfigMap"), "metadata.name"));
		// Service, Ingress, autoscaler, budget and network policy all find the pods.
		Map<String, Object> service = only("Service");
		assertThat(map(path(service, "spec.selector"))).isEqualTo(labels);
		Map<String, Object> servicePort = first(list(path(service, "spec.ports")));
		assertThat(servicePort.get("targetPort")).isEqualTo("http");
		Map<String, Object> backend = map(
				path(first(list(path(first(list(path(only("Ingress", "uitweg"), "spec.rules"))), "http.paths"))),
						"backend.service"));
		assertThat(backend.get("name")).isEqualTo(path(service, "metadata.name"));
		assertThat(path(backend, "port.name")).isEqualTo(servicePort.get("name"));
		Map<String, Object> hpa = only("HorizontalPodAutoscaler");
		assertThat(path(hpa, "spec.scaleTargetRef.name")).isEqualTo(path(deployment, "metadata.name"));
		Map<String, Object> pdb = only("PodDisruptionBudget");
		assertThat(map(path(pdb, "spec.selector.matchLabels"))).isEqualTo(labels);
		assertThat((Integer) path(pdb, "spec.minAvailable")).isLessThan((Integer) path(hpa, "spec.minReplicas"));
		Map<String, Object> policy = only("NetworkPolicy");
		assertThat(map(path(policy, "spec.podSelector.matchLabels"))).isEqualTo(labels);
		Map<String, Object> admitted = first(list(first(list(path(policy, "spec.ingress"))).get("ports")));
		assertThat(admitted.get("port")).isEqualTo(first(list(container.get("ports"))).get("containerPort"));
		// kustomize applies every manifest but the Secret template.
		List<String> files;
		try (Stream<Path> all = Files.list(KUBERNETES)) {
			files = all.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")
						&& !name.equals("secret.template.yaml"))
				.toList();
		}
		assertThat(list(load(KUBERNETES.resolve("kustomization.yaml")).get(0).get("resources")))
			.containsExactlyInAnyOrderElementsOf(files);
	}

	@Test
	void theImageAndTheComposeFileMatchTheApplication() throws IOException {
		String dockerfile = Files.readString(Path.of("deploy/Dockerfile"));
		assertThat(dockerfile).contains("EXPOSE " + serverPortDefault())
			.contains("/actuator/health/liveness")
			.contains("FROM eclipse-temurin:17-jre")
			.containsPattern("(?m)^USER 10001$")
			.contains("--layers");
		Map<String, Object> compose = load(Path.of("deploy/compose.yaml")).get(0);
		Set<String> used = new HashSet<>();
		map(compose.get("services")).values().forEach((service) -> {
			Object environment = map(service).get("environment");
			if (environment != null && map(service).containsKey("build")) {
				used.addAll(map(environment).keySet());
			}
		});
		assertThat(used).isNotEmpty().isSubsetOf(union(applicationVariables(), PLATFORM_VARIABLES));
		// Every variable the deployment files use is documented for operators.
		String operations = Files.readString(Path.of("docs/operations.md"));
		assertThat(used).allSatisfy((name) -> assertThat(operations).contains(name));
		// The load balancer passes WebSockets on to every instance the file starts.
		String nginx = Files.readString(Path.of("deploy/nginx/nginx.conf"));
		assertThat(nginx).contains("proxy_set_header Upgrade $http_upgrade");
		map(compose.get("services")).forEach((name, service) -> {
			if (map(service).containsKey("build")) {
				assertThat(nginx).contains("server " + name + ":" + 8080);
			}
		});
	}

	private static int status(String path) {
		return WebClient.create("http://127.0.0.1:" + app.port())
			.get()
			.uri(path)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(10));
	}

	private static int serverPortDefault() throws IOException {
		Object port = path(applicationYaml(), "server.port");
		Matcher matcher = Pattern.compile("\\$\\{PORT:(\\d+)}").matcher(String.valueOf(port));
		assertThat(matcher.matches()).as("server.port reads PORT with a default").isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	/** Every ${NAME...} the application's configuration files read. */
	private static Set<String> applicationVariables() throws IOException {
		Set<String> names = new HashSet<>();
		try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
			for (Path file : files.filter((f) -> f.getFileName().toString().matches("application.*\\.ya?ml"))
				.toList()) {
				Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(Files.readString(file));
				while (matcher.find()) {
					names.add(matcher.group(1));
				}
			}
		}
		assertThat(names).contains("REDIS_URL", "MONGODB_URI");
		return names;
	}

	private static Map<String, Object> applicationYaml() throws IOException {
		return load(Path.of("src/main/resources/application.yml")).get(0);
	}

	private static Map<String, Object> only(String kind) throws IOException {
		return only(kind, null);
	}

	/**
	 * The one manifest of a kind (with that name, if one is given) in deploy/kubernetes.
	 */
	static Map<String, Object> only(String kind, String name) throws IOException {
		List<Map<String, Object>> found = new ArrayList<>();
		try (Stream<Path> files = Files.list(KUBERNETES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).toList()) {
				load(file).stream()
					.filter((doc) -> kind.equals(doc.get("kind")))
					.filter((doc) -> name == null || name.equals(map(doc.get("metadata")).get("name")))
					.forEach(found::add);
			}
		}
		assertThat(found).as(kind + " " + name).hasSize(1);
		return found.get(0);
	}

	private static Map<String, Object> onlyIn(String file, String kind) throws IOException {
		List<Map<String, Object>> docs = load(KUBERNETES.resolve(file));
		assertThat(docs).hasSize(1);
		assertThat(docs.get(0).get("kind")).isEqualTo(kind);
		return docs.get(0);
	}

	private static List<Map<String, Object>> load(Path file) throws IOException {
		List<Map<String, Object>> docs = new ArrayList<>();
		try (InputStream in = Files.newInputStream(file)) {
			for (Object doc : new Yaml().loadAll(in)) {
				if (doc != null) {
					docs.add(map(doc));
				}
			}
		}
		return docs;
	}

	private static Object path(Map<String, Object> root, String dotted) {
		Object node = root;
		for (String key : dotted.split("\\.")) {
			assertThat(node).as(dotted).isInstanceOf(Map.class);
			node = map(node).get(key);
		}
		assertThat(node).as(dotted).isNotNull();
		return node;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object node) {
		assertThat(node).isInstanceOf(List.class);
		return (List<Object>) node;
	}

	private static Map<String, Object> first(List<Object> nodes) {
		assertThat(nodes).isNotEmpty();
		return map(nodes.get(0));
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new HashSet<>(a);
		all.addAll(b);
		return all;
	}

}
