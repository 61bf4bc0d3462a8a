package nl.uitweg.privacy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.uitweg.support.RawWebSocket;

/**
 * A WebSocket client written byte by byte over a plain socket, so a test decides
 * everything a browser or client library would decide for it: the local address it
 * connects from (127.0.0.x on Linux loopback), every request header (User-Agent,
 * X-Forwarded-For, Cookie, Origin), and the frames themselves (binary, fragmented, text
 * that is not UTF-8, payloads larger than the server takes). A reader thread answers
 * pings with pongs, as a browser does, and keeps every text frame the server sends.
 */
final class ProbeSocket implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(15);

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CONTINUATION = 0x0;

	private static final int CLOSE = 0x8;

	private static final int PING = 0x9;

	private static final int PONG = 0xA;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final Object lock = new Object();

	private final Thread reader = new Thread(this::readLoop, "probe-socket-reader");

	private final List<JsonNode> unread = new ArrayList<>();

	private final List<JsonNode> all = new ArrayList<>();

	/** Text frames that were not JSON objects (the server should never send one). */
	private final List<String> unparsed = new ArrayList<>();

	private int errors;

	private boolean closed;

	private int closeCode = -1;

	private String closeReason = "";

	/** The upgrade was refused: the HTTP status line and body. */
	static final class Refused extends IOException {

		private final int status;

		Refused(int status, String response) {
			super("Upgrade refused: " + response);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

	private ProbeSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
		this.reader.setDaemon(true);
	}

	/**
	 * Opens a WebSocket from the given local address with these extra request headers. An
	 * {@code Origin} of the site itself is sent unless the headers name one.
	 */
	static ProbeSocket open(InetAddress from, int port, String path, Map<String, String> headers) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0);
		socket.setSoTimeout((int) WAIT.toMillis());
		socket.setTcpNoDelay(true);
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		StringBuilder request = new StringBuilder();
		request.append("GET ").append(path).append(" HTTP/1.1\r\n");
		request.append("Host: 127.0.0.1:").append(port).append("\r\n");
		request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
		request.append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n");
		request.append("Sec-WebSocket-Version: 13\r\n");
		if (headers.keySet().stream().noneMatch("Origin"::equalsIgnoreCase)) {
			request.append("Origin: http://127.0.0.1:").append(port).append("\r\n");
		}
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
		ProbeSocket ws = new ProbeSocket(socket);
		String status = ws.readLine();
		if (!status.contains(" 101 ")) {
			String response = status + "\n" + ws.readRest();
			socket.close();
			String[] parts = status.split(" ");
			throw new Refused((parts.length > 1) ? Integer.parseInt(parts[1]) : -1, response);
		}
		while (!ws.readLine().isEmpty()) {
			// the response headers say nothing this client needs
		}
		ws.reader.start();
		return ws;
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int c;
		while ((c = this.in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.write(c);
			}
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	private String readRest() {
		try {
			this.socket.setSoTimeout(2000);
			return new String(this.in.readNBytes(4096), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	// ---- sending ----------------------------------------------------------------------

	ProbeSocket send(Map<String, ?> frame) {
		return sendText(JSON.writeValueAsString(frame));
	}

	ProbeSocket sendText(String text) {
		return sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
	}

	/**
	 * Sends one frame, masked as a client must. Returns quietly if the connection has
	 * gone (the caller learns it from {@link #isClosed()}).
	 */
	ProbeSocket sendFrame(int opcode, byte[] payload, boolean fin) {
		return sendFrame(opcode, payload, fin, payload.length);
	}

	/**
	 * Sends a frame header that announces {@code declaredLength} bytes, followed by the
	 * payload given (all of it, or only the start of a frame too big to send whole: a
	 * server refuses such a frame by its header, and a client that went on writing would
	 * get a reset instead of the close frame).
	 */
	ProbeSocket sendFrame(int opcode, byte[] payload, boolean fin, long declaredLength) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write((fin ? 0x80 : 0) | opcode);
		if (declaredLength < 126) {
			frame.write(0x80 | (int) declaredLength);
		}
		else if (declaredLength <= 0xFFFF) {
			frame.write(0x80 | 126);
			frame.write((int) (declaredLength >> 8));
			frame.write((int) (declaredLength & 0xff));
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) (declaredLength >> shift) & 0xff);
			}
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.write(mask, 0, 4);
		byte[] masked = new byte[payload.length];
		for (int i = 0; i < payload.length; i++) {
			masked[i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		frame.write(masked, 0, masked.length);
		try {
			synchronized (this.out) {
				this.out.write(frame.toByteArray());
				this.out.flush();
			}
		}
		catch (IOException ex) {
			// The server may have closed with a status (a frame too big) while this was
			// still being written: the reader has its close frame or sees the end.
			awaitReader();
			markClosed(1006, "write failed: " + ex.getMessage());
		}
		return this;
	}

	private void awaitReader() {
		if (Thread.currentThread() == this.reader) {
			return;
		}
		try {
			this.reader.join(WAIT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// ---- receiving --------------------------------------------------------------------

	private void readLoop() {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		int messageOpcode = -1;
		try {
			this.socket.setSoTimeout(0);
			while (true) {
				RawWebSocket.Frame frame = RawWebSocket.readFrame(this.in);
				byte[] payload = frame.payload();
				int opcode = frame.opcode();
				boolean fin = frame.fin();
				if (opcode == PING) {
					sendFrame(PONG, payload, true);
				}
				else if (opcode == CLOSE) {
					int code = (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
					String reason = (payload.length > 2)
							? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
					sendFrame(CLOSE, payload.length >= 2 ? new byte[] { payload[0], payload[1] } : new byte[0], true);
					markClosed(code, reason);
					this.socket.close();
					return;
				}
				else if (opcode == TEXT || opcode == BINARY || opcode == CONTINUATION) {
					if (opcode != CONTINUATION) {
						messageOpcode = opcode;
						message.reset();
					}
					message.write(payload, 0, payload.length);
					if (fin && messageOpcode == TEXT) {
						received(message.toString(StandardCharsets.UTF_8));
					}
				}
			}
		}
		catch (IOException ex) {
			markClosed(1006,
					(ex instanceof SocketException || ex instanceof EOFException) ? "connection lost" : ex.toString());
		}
	}

	private void received(String text) {
		JsonNode frame = null;
		try {
			frame = JSON.readTree(text);
		}
		catch (RuntimeException ex) {
			// kept below as unparsed
		}
		synchronized (this.lock) {
			if (frame == null || !frame.isObject()) {
				this.unparsed.add(text);
			}
			else {
				this.unread.add(frame);
				this.all.add(frame);
				if ("error".equals(frame.path("type").asString())) {
					this.errors++;
				}
			}
			this.lock.notifyAll();
		}
	}

	private void markClosed(int code, String reason) {
		synchronized (this.lock) {
			if (!this.closed) {
				this.closed = true;
				this.closeCode = code;
				this.closeReason = reason;
			}
			this.lock.notifyAll();
		}
	}

	/** The first unread frame of this type; fails after {@link #WAIT}. */
	JsonNode expect(String type) {
		return expect(type, (frame) -> true);
	}

	JsonNode expect(String type, Predicate<JsonNode> condition) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		synchronized (this.lock) {
			while (true) {
				for (Iterator<JsonNode> it = this.unread.iterator(); it.hasNext();) {
					JsonNode frame = it.next();
					if (type.equals(frame.path("type").asString()) && condition.test(frame)) {
						it.remove();
						return frame;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0 || this.closed) {
					throw new AssertionError("Expected a matching '" + type + "' frame but received " + this.all
							+ (this.closed
									? " and the connection closed with " + this.closeCode + " " + this.closeReason
									: ""));
				}
				waitOn(left);
			}
		}
	}

	/** Waits until the server has sent at least this many error frames, or closed. */
	int awaitErrors(int atLeast, Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		synchronized (this.lock) {
			while (this.errors < atLeast && !this.closed) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				waitOn(left);
			}
			return this.errors;
		}
	}

	/** Waits for the server to close the connection; fails after {@link #WAIT}. */
	int awaitClosed() {
		long deadline = System.nanoTime() + WAIT.toNanos();
		synchronized (this.lock) {
			while (!this.closed) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("The connection did not close; received " + this.all);
				}
				waitOn(left);
			}
			return this.closeCode;
		}
	}

	private void waitOn(long nanos) {
		try {
			this.lock.wait(Math.max(1, nanos / 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	int errors() {
		synchronized (this.lock) {
			return this.errors;
		}
	}

	List<JsonNode> all() {
		synchronized (this.lock) {
			return List.copyOf(this.all);
		}
	}

	/**
	 * Every frame received since the last drain, forgotten here so a long run does not
	 * keep them all.
	 */
	List<JsonNode> drain() {
		synchronized (this.lock) {
			List<JsonNode> frames = List.copyOf(this.all);
			this.unread.clear();
			this.all.clear();
			return frames;
		}
	}

	List<String> unparsed() {
		synchronized (this.lock) {
			return List.copyOf(this.unparsed);
		}
	}

	boolean isClosed() {
		synchronized (this.lock) {
			return this.closed;
		}
	}

	int closeCode() {
		synchronized (this.lock) {
			return this.closeCode;
		}
	}

	String closeReason() {
		synchronized (this.lock) {
			return this.closeReason;
		}
	}

	/** Drops the connection without a close frame, like a phone losing its network. */
	void drop() {
		try {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	@Override
	public void close() {
		if (!isClosed()) {
			sendFrame(CLOSE, new byte[] { 0x03, (byte) 0xE8 }, true);
		}
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
		markClosed(1000, "closed by the client");
	}

	static @Nullable String text(JsonNode frame, String field) {
		JsonNode value = frame.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
