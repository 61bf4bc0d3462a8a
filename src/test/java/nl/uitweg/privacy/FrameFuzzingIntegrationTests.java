package nl.uitweg.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least 10,000 malformed frames ({@link BadFrames}, from a seeded generator) against a
 * running instance, on three kinds of connection at once: a visitor connection before
 * {@code hello}, one after it, and an authenticated counsellor console. Meanwhile a real
 * conversation on the same instance goes on. Checked:
 * <ul>
 * <li>every bad frame on an open connection gets an {@code error} frame, or the
 * connection is closed with a documented code (1008 hello expected, 1009 frame too big;
 * 1007 for text that is not UTF-8);</li>
 * <li>no error frame and no close reason carries a stack trace or a Java class name, and
 * no frame earns {@code internal_error} (nor an ERROR line in the log);</li>
 * <li>the conversation running alongside gets every message, in order, on both
 * sides;</li>
 * <li>afterwards the instance is healthy and a fresh conversation works end to end;</li>
 * <li>the used heap after a full GC is back near its level before the run (a leak check,
 * not a timing check).</li>
 * </ul>
 * Rerun a failure with {@code -Dfuzz.seed=<the printed seed>}; {@code -Dfuzz.frames}
 * changes the number of frames, {@code -Dfuzz.app-properties=name=value;...} the
 * instance's settings (for example higher limits, once limits are merged).
 */
@ExtendWith(OutputCaptureExtension.class)
class FrameFuzzingIntegrationTests {

	private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

	private static final int FRAMES = Integer.getInteger("fuzz.frames", 10_000);

	/** Messages each way in the conversation that runs alongside. */
	private static final int PARALLEL_MESSAGES = Integer.getInteger("fuzz.parallel-messages", 12);

	private static final int BATCH = 25;

	/** A Redis database of its own, so no other instance's dispatcher sees this queue. */
	private static final int DATABASE = 5;

	/** Closes a bad frame may get instead of an error frame. */
	private static final Map<Integer, String> DOCUMENTED_CLOSES = Map.of(1008, "hello expected", 1009, "frame too big",
			1007, "not UTF-8");

	/** Signs of an internal detail in what a client is told. */
	private static final Pattern LEAK = Pattern.compile(
			"Exception|Error:|\\bat nl\\.|\\bat java\\.|java\\.|javax\\.|nl\\.uitweg|reactor\\.|io\\.netty|tools\\.jackson|com\\.fasterxml|org\\.spring|\\tat |Caused by");

	private static final long HEAP_MARGIN = 64L * 1024 * 1024;

	@Test
	void tenThousandBadFramesNeitherCrashNorLeakNorDisturbAConversation(CapturedOutput output) throws Exception {
		System.out.println("Frame fuzzing: seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + ")");
		TestBackends.get().redis(DATABASE).flushdb();
		Map<String, Object> settings = new TreeMap<>();
		settings.put("spring.data.redis.url", TestBackends.get().redisUrl() + "/" + DATABASE);
		// Reactor Netty's own limit, named, so the huge frames (up to 60,000 bytes) are
		// read and refused by content wherever the limit's default stands; the frames
		// announcing more are closed with 1009 either way.
		settings.put("uitweg.transport.max-frame-bytes", "64KB");
		settings.putAll(extraSettings());
		try (AppInstance app = AppInstance.start("fuzz", settings)) {
			app.ensureCounsellor("fuzz-parallel", "password-fuzz-parallel", 3);
			app.ensureCounsellor("fuzz-console", "password-fuzz-console", 3);
			StaffLogin parallelLogin = StaffLogin.of(app.port(), "fuzz-parallel", "password-fuzz-parallel");
			StaffLogin fuzzLogin = StaffLogin.of(app.port(), "fuzz-console", "password-fuzz-console");
			try (ProbeSocket counsellor = console(app, parallelLogin)) {
				counsellor.send(Map.of("type", "availability", "status", "available"));
				counsellor.expect("availability");
				Chat parallel = Chat.open(app, counsellor, InetAddress.getByName("127.0.0.61"));
				String visitorToken = Visitor.newSessionToken(app.port());

				Run run = new Run(app, fuzzLogin, visitorToken, parallel, new Random(SEED));
				// Warm up (class loading, JIT, pools), then measure the heap.
				run.fuzz(500, 1);
				long before = usedHeapAfterGc();
				long start = System.nanoTime();
				run.fuzz(FRAMES - 500 - 20, PARALLEL_MESSAGES - 1);
				run.oversized(20);
				System.out.printf("Fuzzing took %d ms%n", (System.nanoTime() - start) / 1_000_000);
				run.closeAll();
				parallel.assertEverythingArrivedInOrder();
				System.out.println(run.report());

				assertThat(run.sent).as("bad frames sent").isGreaterThanOrEqualTo(FRAMES);
				assertThat(run.errorFrames + run.closedByServer)
					.as("answered with an error frame or a documented close")
					.isGreaterThanOrEqualTo(run.sent - run.unansweredBeforeClose);
				assertThat(run.codes).doesNotContainKeys("internal_error", "store_unavailable");
				assertThat(run.leaks).as("stack traces or class names shown to a client").isEmpty();
				assertThat(run.unparsed).as("server frames that are not JSON objects").isEmpty();

				freshConversationWorks(app, counsellor);
				parallel.close();
				long after = usedHeapAfterGc();
				System.out.printf("Heap after GC: %d MB before, %d MB after%n", before >> 20, after >> 20);
				assertThat(after - before).as("heap growth after the run (bytes)").isLessThan(HEAP_MARGIN);
			}
		}
		// Only what this instance's edge could have logged: other tests' instances may
		// share the JVM.
		assertThat(serverErrors(output.getAll())).as("unexpected failures logged")
			.noneMatch((line) -> line.matches("(?i).*(transport|reactor|netty|websocket|unexpected failure).*"));
		assertThat(output.getAll()).doesNotContain("failed on a frame").doesNotContain("onErrorDropped");
	}

	/**
	 * The ERROR lines of the log, each with the lines that follow it, leaving out buffer
	 * leaks of HTTP clients: the tests' own clients (an {@code HttpClientCodec}), which
	 * share this JVM; a leak in the server's edge would show an {@code HttpServerCodec}.
	 * The test JVM runs Netty's leak detector at "advanced" (see the surefire settings in
	 * {@code pom.xml}): at the default level a report names no codec, and a client's leak
	 * found while this test runs could not be told from the server's.
	 */
	static java.util.List<String> serverErrors(String log) {
		java.util.List<String> records = new java.util.ArrayList<>();
		StringBuilder current = null;
		for (String line : log.split("\\R")) {
			boolean entry = line.matches("^\\d{4}-\\d{2}-\\d{2}T.*");
			if (entry) {
				if (current != null) {
					records.add(current.toString());
				}
				current = line.contains(" ERROR ") ? new StringBuilder(line) : null;
			}
			else if (current != null) {
				current.append('\n').append(line);
			}
		}
		if (current != null) {
			records.add(current.toString());
		}
		return records.stream()
			.filter((record) -> !(record.contains("ResourceLeakDetector") && record.contains("HttpClientCodec")))
			.map((record) -> record.lines().findFirst().orElse(""))
			.toList();
	}

	/** The fuzzing itself: lanes, batches, counts. */
	private static final class Run {

		private final AppInstance app;

		private final StaffLogin fuzzLogin;

		private final String visitorToken;

		private final Chat parallel;

		private final Random random;

		private final BadFrames frames;

		private final Map<BadFrames.Lane, ProbeSocket> open = new EnumMap<>(BadFrames.Lane.class);

		final Map<BadFrames.Kind, Integer> kinds = new EnumMap<>(BadFrames.Kind.class);

		final Map<String, Integer> codes = new TreeMap<>();

		final Map<Integer, Integer> closes = new TreeMap<>();

		final List<String> leaks = new ArrayList<>();

		final List<String> unparsed = new ArrayList<>();

		int sent;

		int oversizedSent;

		int errorFrames;

		int closedByServer;

		/** Frames still in flight when the server closed (for a documented reason). */
		int unansweredBeforeClose;

		int connections;

		Run(AppInstance app, StaffLogin fuzzLogin, String visitorToken, Chat parallel, Random random) {
			this.app = app;
			this.fuzzLogin = fuzzLogin;
			this.visitorToken = visitorToken;
			this.parallel = parallel;
			this.random = random;
			this.frames = new BadFrames(random, parallel.conversationId());
		}

		void fuzz(int count, int parallelMessages) {
			int batches = (count + BATCH - 1) / BATCH;
			int every = Math.max(1, batches / Math.max(1, parallelMessages));
			int exchanged = 0;
			for (int b = 0; b < batches; b++) {
				BadFrames.Lane lane = BadFrames.Lane.values()[this.random.nextInt(3)];
				List<BadFrames.Bad> batch = new ArrayList<>();
				for (int i = 0; i < Math.min(BATCH, count - b * BATCH); i++) {
					batch.add(this.frames.next(lane));
				}
				send(lane, batch);
				if (b % every == every - 1 && exchanged < parallelMessages) {
					this.parallel.exchange();
					exchanged++;
				}
			}
		}

		/** Frames above the size limit, each on a connection of its own. */
		void oversized(int count) {
			for (int i = 0; i < count; i++) {
				BadFrames.Oversized big = this.frames.oversized();
				BadFrames.Lane lane = BadFrames.Lane.values()[this.random.nextInt(3)];
				ProbeSocket socket = socket(lane);
				int before = socket.errors();
				this.sent++;
				this.oversizedSent++;
				socket.sendFrame(ProbeSocket.TEXT, big.start(), true, big.declaredLength());
				int code = socket.awaitClosed();
				assertThat(code).as("close after a frame announcing %d bytes on %s", big.declaredLength(), lane)
					.isEqualTo(1009);
				this.errorFrames += socket.errors() - before;
				inspect(socket);
				this.closes.merge(code, 1, Integer::sum);
				this.closedByServer++;
				this.open.remove(lane);
			}
		}

		private void send(BadFrames.Lane lane, List<BadFrames.Bad> batch) {
			ProbeSocket socket = socket(lane);
			int before = socket.errors();
			int expected = 0;
			for (BadFrames.Bad bad : batch) {
				this.kinds.merge(bad.kind(), 1, Integer::sum);
				this.sent++;
				expected += bad.expectedErrors();
				List<byte[]> fragments = bad.fragments();
				for (int i = 0; i < fragments.size(); i++) {
					int opcode = (i > 0) ? ProbeSocket.CONTINUATION
							: bad.binary() ? ProbeSocket.BINARY : ProbeSocket.TEXT;
					socket.sendFrame(opcode, fragments.get(i), i == fragments.size() - 1);
				}
			}
			int got = socket.awaitErrors(before + expected, Duration.ofSeconds(15)) - before;
			inspect(socket);
			if (socket.isClosed()) {
				int code = socket.closeCode();
				String reason = socket.closeReason();
				assertThat(DOCUMENTED_CLOSES).as("close %d '%s' after %s", code, reason, describe(batch))
					.containsKey(code);
				if (LEAK.matcher(reason).find()) {
					this.leaks.add("close reason: " + reason);
				}
				this.closes.merge(code, 1, Integer::sum);
				this.closedByServer++;
				this.unansweredBeforeClose += Math.max(0, batch.size() - got - 1);
				this.open.remove(lane);
			}
			else {
				assertThat(got).as("error frames for %s (seed %d)", describe(batch), SEED)
					.isGreaterThanOrEqualTo(expected);
			}
			this.errorFrames += got;
		}

		private void inspect(ProbeSocket socket) {
			for (JsonNode frame : socket.drain()) {
				if ("error".equals(frame.path("type").asString())) {
					this.codes.merge(frame.path("code").asString(), 1, Integer::sum);
					String message = frame.path("message").asString();
					String shown = frame.toString();
					if (LEAK.matcher(message).find() || shown.contains("\\tat ") || shown.contains("\\n\\tat")) {
						this.leaks.add(shown);
					}
				}
			}
			this.unparsed.addAll(socket.unparsed());
		}

		private ProbeSocket socket(BadFrames.Lane lane) {
			ProbeSocket socket = this.open.get(lane);
			if (socket == null || socket.isClosed()) {
				socket = connect(lane);
				this.open.put(lane, socket);
				this.connections++;
			}
			return socket;
		}

		private ProbeSocket connect(BadFrames.Lane lane) {
			try {
				switch (lane) {
					case BEFORE_HELLO:
						return ProbeSocket.open(InetAddress.getLoopbackAddress(), this.app.port(), "/ws/visitor",
								Map.of());
					case VISITOR: {
						ProbeSocket socket = ProbeSocket.open(InetAddress.getLoopbackAddress(), this.app.port(),
								"/ws/visitor", Map.of());
						socket.send(Map.of("type", "hello", "token", this.visitorToken, "lastSeq", 0));
						assertThat(socket.expect("welcome").path("state").asString()).isEqualTo("idle");
						return socket;
					}
					default:
						return console(this.app, this.fuzzLogin);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		void closeAll() {
			for (ProbeSocket socket : this.open.values()) {
				inspect(socket);
				socket.close();
			}
			this.open.clear();
		}

		String report() {
			return "Frame fuzzing, seed " + SEED + ": " + this.sent + " bad frames " + this.kinds + " and "
					+ this.oversizedSent + " oversized on " + this.connections + " connections; " + this.errorFrames
					+ " error frames " + this.codes + "; " + this.closedByServer + " closes " + this.closes + " ("
					+ this.unansweredBeforeClose + " frames were in flight then)";
		}

		private static String describe(List<BadFrames.Bad> batch) {
			StringBuilder text = new StringBuilder();
			for (BadFrames.Bad bad : batch) {
				text.append("\n  ").append(bad.kind()).append(": ").append(bad.description());
			}
			return text.toString();
		}

	}

	/** A visitor and a counsellor in one conversation, trading numbered messages. */
	private static final class Chat {

		private final ProbeSocket visitor;

		private final ProbeSocket counsellor;

		private final String conversationId;

		private final List<String> fromVisitor = new ArrayList<>();

		private final List<String> fromCounsellor = new ArrayList<>();

		private Chat(ProbeSocket visitor, ProbeSocket counsellor, String conversationId) {
			this.visitor = visitor;
			this.counsellor = counsellor;
			this.conversationId = conversationId;
		}

		static Chat open(AppInstance app, ProbeSocket counsellor, InetAddress from) throws IOException {
			ProbeSocket visitor = ProbeSocket.open(from, app.port(), "/ws/visitor", Map.of());
			visitor.send(Map.of("type", "hello", "token", Visitor.newSessionToken(app.port()), "lastSeq", 0));
			visitor.expect("welcome");
			visitor.send(Map.of("type", "start"));
			String cid = visitor.expect("queued").path("conversationId").asString();
			counsellor.expect("offer", (f) -> f.path("conversationId").asString().equals(cid));
			counsellor.send(Map.of("type", "accept", "conversationId", cid));
			counsellor.expect("assigned", (f) -> f.path("conversationId").asString().equals(cid));
			visitor.expect("assigned");
			return new Chat(visitor, counsellor, cid);
		}

		String conversationId() {
			return this.conversationId;
		}

		/** One message each way, not waiting for delivery. */
		void exchange() {
			String v = this.conversationId.substring(0, 8) + " visitor " + this.fromVisitor.size();
			this.fromVisitor.add(v);
			this.visitor.send(Map.of("type", "message", "clientMsgId", UUID.randomUUID().toString(), "text", v));
			String c = this.conversationId.substring(0, 8) + " counsellor " + this.fromCounsellor.size();
			this.fromCounsellor.add(c);
			this.counsellor.send(Map.of("type", "message", "conversationId", this.conversationId, "clientMsgId",
					UUID.randomUUID().toString(), "text", c));
		}

		void assertEverythingArrivedInOrder() {
			String lastVisitorText = this.fromVisitor.get(this.fromVisitor.size() - 1);
			String lastCounsellorText = this.fromCounsellor.get(this.fromCounsellor.size() - 1);
			this.counsellor.expect("message", (f) -> f.path("text").asString().equals(lastVisitorText));
			this.visitor.expect("message", (f) -> f.path("text").asString().equals(lastCounsellorText));
			assertThat(texts(this.counsellor.all(), "visitor")).containsExactlyElementsOf(this.fromVisitor);
			assertThat(texts(this.visitor.all(), "counsellor")).containsExactlyElementsOf(this.fromCounsellor);
			assertThat(this.visitor.all())
				.noneMatch((f) -> Set.of("ended", "error").contains(f.path("type").asString()));
			assertThat(this.counsellor.all()).noneMatch((f) -> f.path("type").asString().equals("ended"))
				.noneMatch((f) -> f.path("type").asString().equals("error")
						&& f.path("conversationId").asString().equals(this.conversationId));
		}

		private List<String> texts(List<JsonNode> frames, String from) {
			List<Long> seqs = new ArrayList<>();
			List<String> texts = new ArrayList<>();
			for (JsonNode frame : frames) {
				if (frame.path("type").asString().equals("message") && frame.path("from").asString().equals(from)
						&& (!frame.has("conversationId")
								|| frame.path("conversationId").asString().equals(this.conversationId))) {
					seqs.add(frame.path("seq").asLong());
					texts.add(frame.path("text").asString());
				}
			}
			assertThat(seqs).as("seqs of the messages from the %s", from).isSorted().doesNotHaveDuplicates();
			return texts;
		}

		void close() {
			this.visitor.send(Map.of("type", "leave"));
			this.visitor.expect("ended");
			this.visitor.close();
		}

	}

	private static void freshConversationWorks(AppInstance app, ProbeSocket counsellor) throws IOException {
		ProbeHttp.Response health = ProbeHttp.call("GET", InetAddress.getLoopbackAddress(), app.port(),
				"/actuator/health", Map.of(), "");
		assertThat(health.body()).contains("\"UP\"");
		Chat fresh = Chat.open(app, counsellor, InetAddress.getByName("127.0.0.62"));
		fresh.exchange();
		fresh.assertEverythingArrivedInOrder();
		counsellor.send(Map.of("type", "end", "conversationId", fresh.conversationId()));
		fresh.visitor.expect("ended");
		fresh.visitor.close();
	}

	private static ProbeSocket console(AppInstance app, StaffLogin login) throws IOException {
		ProbeSocket console = ProbeSocket.open(InetAddress.getLoopbackAddress(), app.port(), "/ws/counsellor",
				Map.of("Cookie", login.cookieHeader()));
		console.expect("welcome");
		return console;
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static Map<String, Object> extraSettings() {
		Map<String, Object> extra = new TreeMap<>();
		for (String pair : System.getProperty("fuzz.app-properties", "").split(";")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				extra.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
			}
		}
		return extra;
	}

}
