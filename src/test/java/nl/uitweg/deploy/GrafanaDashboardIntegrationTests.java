package nl.uitweg.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.uitweg.platform.MetricNames;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Scrape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/grafana/uitweg-dashboard.json cannot drift from the code: every metric its
 * PromQL names is in a scrape of a running instance, every Uitweg metric has a panel, and
 * the Prometheus configuration scrapes the path and instances the application has.
 */
class GrafanaDashboardIntegrationTests {

	private static final Path DASHBOARD = Path.of("deploy/grafana/uitweg-dashboard.json");

	/** PromQL words that are not metric names. */
	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "inf", "nan");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	@Test
	void everyMetricTheDashboardAsksForIsOneTheApplicationExposes() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		assertThat(dashboard.path("uid").asString()).isEqualTo("uitweg");
		List<String> expressions = new ArrayList<>();
		Set<String> datasources = new TreeSet<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if (!panel.path("type").asString().equals("row")) {
				datasources.add(panel.path("datasource").path("uid").asString());
				assertThat(panel.path("targets").isEmpty()).as(panel.path("title").asString()).isFalse();
			}
			panel.path("targets").forEach((target) -> expressions.add(target.path("expr").asString()));
		}
		// One templated data source, so the dashboard imports into any Grafana.
		assertThat(datasources).containsExactly("${datasource}");
		assertThat(dashboard.path("templating").path("list").get(0).path("type").asString()).isEqualTo("datasource");
		Set<String> used = new TreeSet<>();
		expressions.forEach((expr) -> used.addAll(metricNames(expr)));
		assertThat(used).as("metrics in the dashboard").isNotEmpty();

		String token = "dashboard-" + UUID.randomUUID();
		try (AppInstance app = AppInstance.start("dashboard", Map.of("uitweg.metrics.token", token))) {
			// The first scrape completes a request, so the second has the HTTP server's
			// metrics.
			Scrape.of(app, token);
			Set<String> exposed = Scrape.of(app, token).names();
			assertThat(used).as("metrics the dashboard uses, against a scrape").isSubsetOf(exposed);
		}
		String all = String.join("\n", expressions);
		for (String name : MetricNames.ALL) {
			assertThat(all).as("a panel for " + name).contains(name.replace('.', '_'));
		}
		assertThat(all).contains("jvm_memory_used_bytes", "process_cpu_usage", "http_server_requests",
				"uitweg_websocket_connections");
	}

	@Test
	void prometheusScrapesThePathAndTheInstancesTheDeploymentHas() throws IOException {
		String prometheus = Files.readString(Path.of("deploy/prometheus/prometheus.yml"));
		assertThat(prometheus).contains("metrics_path: /actuator/prometheus")
			.contains("credentials_file: /run/secrets/uitweg_metrics_token")
			.contains("app-1:8080", "app-2:8080", "app-3:8080");
		String compose = Files.readString(Path.of("deploy/compose.yaml"));
		assertThat(compose).contains("environment: UITWEG_METRICS_TOKEN")
			.contains("./grafana/uitweg-dashboard.json:/var/lib/grafana/dashboards/");
		String deployment = Files.readString(Path.of("deploy/kubernetes/deployment.yaml"));
		assertThat(deployment).contains("prometheus.io/path: /actuator/prometheus")
			.contains("prometheus.io/port: \"8080\"");
		// Not routed to the public side by the compose load balancer nor the Ingress.
		assertThat(Files.readString(Path.of("deploy/nginx/nginx.conf"))).contains("location /actuator/ {");
		Map<String, Object> publicSide = DeploymentManifestsIntegrationTests.only("Ingress", "uitweg");
		Map<String, Object> actuator = DeploymentManifestsIntegrationTests.only("Ingress", "uitweg-actuator");
		assertThat(String.valueOf(actuator.get("metadata")))
			.contains("nginx.ingress.kubernetes.io/denylist-source-range=0.0.0.0/0,::/0");
		assertThat(String.valueOf(actuator.get("spec"))).contains("path=/actuator, pathType=Prefix")
			.contains("host=" + host(publicSide));
		assertThat(host(actuator)).isEqualTo(host(publicSide));
	}

	@SuppressWarnings("unchecked")
	private static Object host(Map<String, Object> ingress) {
		Map<String, Object> spec = (Map<String, Object>) ingress.get("spec");
		return ((List<Map<String, Object>>) spec.get("rules")).get(0).get("host");
	}

	/**
	 * The metric names in a PromQL expression: identifiers outside label matchers,
	 * strings, ranges and grouping clauses that are not followed by a parenthesis
	 * (functions and aggregations) and are not keywords.
	 */
	static Set<String> metricNames(String expr) {
		String bare = expr.replaceAll("\"[^\"]*\"", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(bare);
		while (matcher.find()) {
			String word = matcher.group();
			String after = bare.substring(matcher.end()).stripLeading();
			if (!after.startsWith("(") && !KEYWORDS.contains(word.toLowerCase())) {
				names.add(word);
			}
		}
		return names;
	}

}
