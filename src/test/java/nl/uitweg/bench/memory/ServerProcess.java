package nl.uitweg.bench.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import nl.uitweg.platform.FreePorts;
import nl.uitweg.support.AppInstance;
import nl.uitweg.support.TestBackends;

import static org.awaitility.Awaitility.await;

/**
 * One application instance in a process of its own, so its heap is measured without the
 * clients' (which live in the test JVM): {@code jcmd} reads the class histogram after a
 * full collection. Limits are out of reach, as for every test instance, and the queue may
 * be long.
 */
public final class ServerProcess implements AutoCloseable {

	private final int port;

	private final Process process;

	private final Path log;

	private ServerProcess(int port, Process process, Path log) {
		this.port = port;
		this.process = process;
		this.log = log;
	}

	public static ServerProcess start(String name, String maxHeap, Map<String, Object> settings) {
		int port;
		try {
			port = FreePorts.find();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-cp",
				classpath, "nl.uitweg.UitwegApplication", "--server.port=" + port));
		Map<String, Object> all = new LinkedHashMap<>(TestBackends.get().properties());
		all.put("uitweg.counsellor.admin-password", "admin-test-password");
		all.put("spring.main.banner-mode", "off");
		all.putAll(AppInstance.LIMITS_OUT_OF_REACH);
		all.putAll(settings);
		all.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = Path.of("target", "memory-" + name + ".log");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
			builder.environment().remove("REDIS_URL");
			builder.environment().remove("MONGODB_URI");
			Process process = builder.start();
			// Not left running if the measuring JVM ends without closing it.
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "memory-instance-stop"));
			ServerProcess server = new ServerProcess(port, process, log);
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(server::accepts);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean accepts() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("Instance process exited; see " + this.log.toAbsolutePath());
		}
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	public int port() {
		return this.port;
	}

	/** The class histogram of live objects (jcmd collects fully before it counts). */
	public Histogram histogram() {
		jcmd("GC.run");
		return Histogram.parse(jcmd("GC.class_histogram"));
	}

	private String jcmd(String command) {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		try {
			Process run = new ProcessBuilder(jcmd, Long.toString(this.process.pid()), command).redirectErrorStream(true)
				.start();
			String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!run.waitFor(120, TimeUnit.SECONDS) || run.exitValue() != 0) {
				throw new IllegalStateException("jcmd " + command + " failed: " + out);
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
