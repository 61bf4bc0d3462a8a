package nl.uitweg.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.uitweg.UitwegApplication;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.TestBackends;

/**
 * Starts what is measured and runs every scenario. The full run starts two app instances
 * as JVM processes of their own on the shared test Redis and MongoDB, the relays as
 * processes, and the Socket.IO peer; the smoke run uses the shared in-JVM test instances
 * and in-JVM relays, and skips the peer, so it only shows that the harness works.
 */
final class BenchmarkRun {

	static final Path OUTPUT = Path.of("target", "bench");

	private final List<AutoCloseable> started = new ArrayList<>();

	Map<String, Object> run() {
		boolean full = Bench.full();
		Map<String, Object> report = new LinkedHashMap<>();
		List<String> notes = new ArrayList<>();
		report.put("mode", full ? "full" : "smoke");
		report.put("startedAt", java.time.Instant.now().toString());
		report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java",
				System.getProperty("java.version")));
		report.put("notes", notes);
		TestBackends backends = TestBackends.get();
		try {
			int portA;
			int portB;
			BenchProcess processA = null;
			List<BenchProcess> apps = List.of();
			if (full) {
				processA = app("A");
				BenchProcess processB = app("B");
				apps = List.of(processA, processB);
				portA = processA.port();
				portB = processB.port();
			}
			else {
				portA = AppInstance.shared("A").port();
				portB = AppInstance.shared("B").port();
				notes.add(
						"smoke: app instances and relays run inside the test JVM, so there are no CPU, allocation or memory figures; the Socket.IO peer is skipped");
			}
			List<ChatSystem> systems = new ArrayList<>();
			int capacity = Bench.scale("chat.capacity", 3, 20);
			systems.add(track(new UitwegChat(portA, portB, capacity, apps)));
			systems.add(track(relays("raw-relay", null, full)));
			systems.add(track(relays("pubsub-relay", backends.redisUrl(), full)));
			if (full && Boolean.parseBoolean(System.getProperty("bench.peer", "true"))) {
				systems.add(track(SocketIoChat.start(backends.redisUrl())));
			}
			else {
				notes.add("socketio-peer: not run (" + (full ? "-Dbench.peer=false" : "smoke run") + ")");
			}
			report.put("systems", systems.stream().map(ChatSystem::name).toList());
			UitwegScenarios uitweg = new UitwegScenarios(portA, portB, backends.redisUrl(), processA);
			Map<String, Object> scenarios = new LinkedHashMap<>();
			report.put("scenarios", scenarios);
			if (Bench.runs("waiting")) {
				List<Object> waiting = new ArrayList<>();
				scenarios.put("waiting", waiting);
				int arrivals = Bench.scale("waiting.rate", 50, 200);
				for (int visitors : Bench.scales("waiting.visitors", "5", "1000,5000,10000")) {
					waiting.add(uitweg.waiting(visitors, arrivals));
					Report.write(report, OUTPUT);
				}
			}
			if (Bench.runs("surge")) {
				scenarios.put("surge",
						uitweg.surge(Bench.scale("surge.arrivals", 10, 2000),
								Bench.scale("surge.window-seconds", 1, 20), Bench.scale("surge.counsellors", 2, 50),
								Bench.scale("surge.hold-millis", 100, 1000)));
				Report.write(report, OUTPUT);
			}
			if (Bench.runs("chat")) {
				List<Object> chat = new ArrayList<>();
				scenarios.put("chat", chat);
				ChatScenario chatScenario = new ChatScenario(systems);
				for (int conversations : Bench.scales("chat.conversations", "2", "100,500,1000")) {
					chat.add(chatScenario.run(conversations));
					Report.write(report, OUTPUT);
				}
			}
			if (Bench.runs("reconnect")) {
				scenarios.put("reconnect", uitweg.reconnect(Bench.scale("reconnect.clients", 4, 1000), capacity));
			}
			if (!System.getProperty("bench.scenarios", "").isBlank()) {
				notes.add("only these scenarios ran (-Dbench.scenarios): " + System.getProperty("bench.scenarios"));
			}
			report.put("finishedAt", java.time.Instant.now().toString());
			Report.write(report, OUTPUT);
			return report;
		}
		finally {
			for (AutoCloseable closeable : this.started) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// stopping anyway
				}
			}
		}
	}

	private <T extends AutoCloseable> T track(T closeable) {
		this.started.add(closeable);
		return closeable;
	}

	private BenchProcess app(String name) {
		int port = Bench.freePort();
		List<String> args = new ArrayList<>(List.of("--server.port=" + port));
		Map<String, Object> settings = new LinkedHashMap<>(TestBackends.get().properties());
		settings.put("uitweg.counsellor.admin-password", "admin-test-password");
		settings.put("spring.main.banner-mode", "off");
		settings.putAll(AppInstance.LIMITS_OUT_OF_REACH);
		settings.put("uitweg.counsellor.max-capacity", 20);
		settings.put("uitweg.conversation.limits.max-messages-per-side", 1_000_000);
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		return BenchProcess.java("app-" + name, port, System.getProperty("bench.app.heap", "1g"),
				UitwegApplication.class.getName(), args);
	}

	private static ChatSystem relays(String name, String redisUrl, boolean full) {
		List<String> redis = (redisUrl != null) ? List.of(redisUrl) : List.of();
		int count = (redisUrl != null) ? 2 : 1;
		List<BenchProcess> processes = new ArrayList<>();
		List<AutoCloseable> inJvm = new ArrayList<>();
		List<Integer> ports = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			int port = Bench.freePort();
			ports.add(port);
			if (full) {
				List<String> args = new ArrayList<>(List.of(Integer.toString(port)));
				args.addAll(redis);
				processes.add(BenchProcess.java(name + "-" + i, port, "256m", RelayServer.class.getName(), args));
			}
			else {
				inJvm.add(RelayServer.start(port, redisUrl));
			}
		}
		return new RelayChat(name, ports.get(0), ports.get(ports.size() - 1), processes, inJvm);
	}

}
