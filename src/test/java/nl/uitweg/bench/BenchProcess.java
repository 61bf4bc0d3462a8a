package nl.uitweg.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A process under measurement (an app instance, a relay, a node peer) on a known port,
 * with the probes the report needs: CPU seconds from /proc/PID/stat (utime + stime),
 * resident memory from /proc/PID/status, and for JVMs the live heap after a full GC
 * (jcmd) and the bytes its threads allocated (the ThreadMXBean of the process, reached
 * through the attach API's local management agent, so no JMX port is opened).
 */
final class BenchProcess implements AutoCloseable {

	private static final long CLOCK_TICKS = 100;

	private final String name;

	private final int port;

	private final Process process;

	private final Path log;

	private JMXConnector jmx;

	private BenchProcess(String name, int port, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	static BenchProcess start(String name, int port, List<String> command, Path directory) {
		try {
			Path log = Path.of("target", "bench", "process-" + name + ".log").toAbsolutePath();
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
			if (directory != null) {
				builder.directory(directory.toFile());
			}
			builder.environment().remove("REDIS_URL");
			builder.environment().remove("MONGODB_URI");
			BenchProcess started = new BenchProcess(name, port, builder.start(), log);
			started.awaitPort();
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A JVM running a main class of the test classpath. */
	static BenchProcess java(String name, int port, String heap, String mainClass, List<String> args) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// As in the packaged application: HdrHistogram is only the load generator's (with
		// it
		// on the classpath Lettuce would time every command, which production does not).
		String classpath = Arrays
			.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
				.split(File.pathSeparator))
			.filter((entry) -> !entry.contains("HdrHistogram"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx" + heap, "-Xms" + heap, "-XX:+UseG1GC", "-XX:+EnableDynamicAgentLoading"));
		// For profiling runs, e.g.
		// -Dbench.jvm-options=-XX:StartFlightRecording=filename=x.jfr
		String options = System.getProperty("bench.jvm-options", "").replace("{name}", name);
		Arrays.stream(options.split(" ")).filter((option) -> !option.isBlank()).forEach(command::add);
		command.addAll(List.of("-cp", classpath, mainClass));
		command.addAll(args);
		return start(name, port, command, null);
	}

	private void awaitPort() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited; see " + this.log);
			}
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				return;
			}
			catch (IOException ex) {
				Bench.pause(200);
			}
		}
		throw new IllegalStateException(this.name + " did not open port " + this.port + "; see " + this.log);
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	/** User plus system CPU seconds the process has used so far. */
	double cpuSeconds() {
		return cpuSeconds(pid());
	}

	static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// Fields after the command name, which is in parentheses and may hold spaces.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
		}
		catch (IOException ex) {
			return Double.NaN;
		}
	}

	/** Resident set size in bytes. */
	long rssBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return -1;
	}

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	/** Live heap after a full GC (jcmd GC.run, then GC.heap_info), in bytes. */
	long heapAfterGcBytes() {
		jcmd("GC.run");
		String info = jcmd("GC.heap_info");
		Matcher matcher = HEAP_USED.matcher(info);
		return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
	}

	private String jcmd(String command) {
		try {
			String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
			Process p = new ProcessBuilder(jcmd, Long.toString(pid()), command).redirectErrorStream(true).start();
			String output = new String(p.getInputStream().readAllBytes());
			p.waitFor(60, TimeUnit.SECONDS);
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/**
	 * Bytes allocated so far by each live thread of the JVM, by thread id; empty when the
	 * probe fails. A step's figure is the sum of the growth per thread, so a thread that
	 * ends during a step loses only its own share instead of making the sum go down.
	 */
	java.util.Map<Long, Long> allocatedByThread() {
		try {
			if (this.jmx == null) {
				var vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(pid()));
				String address = vm.startLocalManagementAgent();
				vm.detach();
				this.jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
			}
			MBeanServerConnection connection = this.jmx.getMBeanServerConnection();
			ObjectName threads = new ObjectName(ManagementFactory.THREAD_MXBEAN_NAME);
			long[] ids = (long[]) connection.getAttribute(threads, "AllThreadIds");
			long[] bytes = (long[]) connection.invoke(threads, "getThreadAllocatedBytes", new Object[] { ids },
					new String[] { long[].class.getName() });
			java.util.Map<Long, Long> byThread = new java.util.HashMap<>();
			for (int i = 0; i < ids.length; i++) {
				if (bytes[i] > 0) {
					byThread.put(ids[i], bytes[i]);
				}
			}
			return byThread;
		}
		catch (Exception ex) {
			return java.util.Map.of();
		}
	}

	/** Bytes allocated between two readings of {@link #allocatedByThread()}. */
	static long allocatedBetween(java.util.Map<Long, Long> before, java.util.Map<Long, Long> after) {
		long sum = 0;
		for (java.util.Map.Entry<Long, Long> thread : after.entrySet()) {
			sum += Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L));
		}
		return sum;
	}

	@Override
	public void close() {
		try {
			if (this.jmx != null) {
				this.jmx.close();
			}
		}
		catch (IOException ex) {
			// the process is going away anyway
		}
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
