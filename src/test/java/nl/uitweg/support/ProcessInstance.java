package nl.uitweg.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * An application instance as a separate operating-system process on a fixed port, so a
 * test can kill it the hard way (SIGKILL: no shutdown hooks, no closing frames, nothing
 * flushed) and start it again where clients expect it.
 */
public final class ProcessInstance implements AutoCloseable {

	private final int port;

	private final List<String> command;

	private final Path log;

	private Process process;

	private ProcessInstance(int port, List<String> command, Path log) {
		this.port = port;
		this.command = command;
		this.log = log;
	}

	public static ProcessInstance start(String name, Map<String, Object> settings) {
		try {
			int port = nl.uitweg.platform.FreePorts.find();
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
					classpath, "nl.uitweg.UitwegApplication", "--server.port=" + port));
			TestBackends.get().properties().forEach((key, value) -> command.add("--" + key + "=" + value));
			command.add("--uitweg.counsellor.admin-password=admin-test-password");
			command.add("--spring.main.banner-mode=off");
			AppInstance.LIMITS_OUT_OF_REACH.forEach((key, value) -> command.add("--" + key + "=" + value));
			settings.forEach((key, value) -> command.add("--" + key + "=" + value));
			Path log = Path.of("target", "process-" + name + ".log");
			ProcessInstance instance = new ProcessInstance(port, command, log);
			instance.launch();
			return instance;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private void launch() throws IOException {
		ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().remove("REDIS_URL");
		builder.environment().remove("MONGODB_URI");
		this.process = builder.start();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Instance process exited; see " + this.log.toAbsolutePath());
			}
			return accepts();
		});
	}

	private boolean accepts() {
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

	public boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	/** SIGKILL: the instance gets no chance to clean up. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * SIGTERM, as an orchestrator stops an instance: waits up to {@code limit} for it to
	 * exit and returns how long that took (or {@code limit} if it did not).
	 */
	public java.time.Duration terminate(java.time.Duration limit) {
		long started = System.nanoTime();
		this.process.destroy();
		try {
			if (!this.process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
				return limit;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return java.time.Duration.ofNanos(System.nanoTime() - started);
	}

	/** Starts it again on the same port. */
	public void restart() {
		try {
			launch();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	public File logFile() {
		return this.log.toFile();
	}

	@Override
	public void close() {
		if (alive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
