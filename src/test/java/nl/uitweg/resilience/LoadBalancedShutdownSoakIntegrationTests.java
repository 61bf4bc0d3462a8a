package nl.uitweg.resilience;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.DebianTool;
import nl.uitweg.support.ProcessInstance;
import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment's own load balancer configuration ({@code deploy/nginx/nginx.conf}, run
 * by Debian's nginx on loopback with its upstreams pointed at two instances) in front of
 * two application processes: conversations reach the instances only through nginx, one
 * instance is stopped with SIGTERM mid-conversation, and every acknowledged message still
 * arrives exactly once and in order.
 */
class LoadBalancedShutdownSoakIntegrationTests {

	private static final Path NGINX = Path.of("/usr/sbin/nginx");

	private static final int CONVERSATIONS = Integer.getInteger("lb.conversations", 10);

	private static final int MESSAGES = Integer.getInteger("lb.messages", 150);

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void conversationsThroughTheLoadBalancerSurviveAnInstanceBeingStopped(@TempDir Path dir) throws Exception {
		DebianTool.require(NGINX.toString(), "nginx");
		AppInstance stable = AppInstance.shared("A");
		try (ProcessInstance stopping = ProcessInstance.start("behind-nginx", Map.of())) {
			int port = FreePorts.find();
			Process nginx = nginx(dir, port, List.of(stopping.port(), stable.port()));
			try {
				await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
					try (Socket probe = new Socket("127.0.0.1", port)) {
						return true;
					}
				});
				List<List<Integer>> ports = List.of(List.of(port), List.of(port));
				SoakHarness soak = new SoakHarness(stable, "lb-", CONVERSATIONS, ports, 0.0);
				soak.run(MESSAGES, Duration.ofSeconds(Integer.getInteger("lb.seconds", 180)), () -> {
					InstanceDeathSoakIntegrationTests.pause(Duration.ofMillis(1500));
					stopping.terminate(Duration.ofSeconds(60));
				});
				soak.assertExactlyOnceInOrder(MESSAGES);
				assertThat(stopping.alive()).as("exited after SIGTERM").isFalse();
				assertThat(Files.readString(stopping.logFile().toPath())).contains("closed: 1012 service restart");
				System.out.printf(
						"Load-balanced shutdown soak: %d conversations x %d messages each way, %d reconnections%n",
						CONVERSATIONS, MESSAGES, soak.reconnections());
			}
			finally {
				nginx.destroy();
				nginx.waitFor();
			}
		}
	}

	/** deploy/nginx/nginx.conf with its upstreams on loopback and its port free. */
	private static Process nginx(Path dir, int port, List<Integer> upstreams) throws IOException {
		String config = Files.readString(Path.of("deploy/nginx/nginx.conf"));
		assertThat(config).contains("listen 8080;").containsPattern("server app-\\d:8080[^;]*;");
		StringBuilder servers = new StringBuilder();
		for (int upstream : upstreams) {
			servers.append("server 127.0.0.1:").append(upstream).append(" max_fails=1 fail_timeout=5s;\n    ");
		}
		config = config.replaceAll("(?m)^\\s*server app-\\d:8080[^;]*;\\n", "")
			.replace("upstream uitweg {", "upstream uitweg {\n    " + servers)
			.replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
		Path file = dir.resolve("nginx.conf");
		Files.writeString(file, config);
		return new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", file.toString(), "-g",
				"daemon off; pid " + dir.resolve("nginx.pid") + "; error_log " + dir.resolve("error.log") + ";")
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("nginx.out").toFile())
			.start();
	}

}
