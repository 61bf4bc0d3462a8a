package nl.uitweg.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket spoken byte by byte over a plain socket, for checks where a client library
 * would hide what the server put on the wire (such as the close code), or would not
 * misbehave on purpose (fragments, frames above the limit, a client that stops reading or
 * never answers a ping).
 */
public final class RawWebSocket implements AutoCloseable {

	/** The opcodes a test needs (RFC 6455, section 5.2). */
	public static final int CONTINUATION = 0x0, TEXT = 0x1, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

	private final Socket socket;

	private final DataInputStream in;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
	}

	public static RawWebSocket open(int port, String path) throws IOException {
		return open(InetAddress.getLoopbackAddress(), port, path);
	}

	/**
	 * Connects from a given local address, such as 127.0.0.2, so the server sees that
	 * address.
	 */
	public static RawWebSocket open(InetAddress from, int port, String path) throws IOException {
		return open(from, port, path, Map.of(), 0);
	}

	/** Connects with extra request headers (such as {@code Origin} or a cookie). */
	public static RawWebSocket open(int port, String path, Map<String, String> headers) throws IOException {
		return open(InetAddress.getLoopbackAddress(), port, path, headers, 0);
	}

	/**
	 * Connects with a small receive buffer, for a client that stops reading: the server
	 * finds it full sooner.
	 */
	public static RawWebSocket openSlowReader(int port, String path, int receiveBufferBytes) throws IOException {
		return open(InetAddress.getLoopbackAddress(), port, path, Map.of(), receiveBufferBytes);
	}

	private static RawWebSocket open(InetAddress from, int port, String path, Map<String, String> headers,
			int receiveBufferBytes) throws IOException {
		Socket socket = new Socket();
		if (receiveBufferBytes > 0) {
			// Before connecting, so the window the server sees is small from the start.
			socket.setReceiveBufferSize(receiveBufferBytes);
		}
		socket.bind(new InetSocketAddress(from, 0));
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		socket.setSoTimeout((int) WsClient.WAIT.toMillis());
		RawWebSocket ws = new RawWebSocket(socket);
		ws.writeUpgrade(port, path, headers);
		String status = ws.readLine();
		if (!status.contains(" 101 ")) {
			socket.close();
			throw new IOException("Upgrade refused: " + status);
		}
		ws.skipHeaders();
		return ws;
	}

	/** An upgrade that was answered over HTTP instead: its status line and body. */
	public record Refusal(int status, String body) {
	}

	/**
	 * Tries an upgrade that should be refused; returns the HTTP answer (status 101 if it
	 * was not refused after all).
	 */
	public static Refusal refusal(int port, String path, Map<String, String> headers) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout((int) WsClient.WAIT.toMillis());
			RawWebSocket ws = new RawWebSocket(socket);
			ws.writeUpgrade(port, path, headers);
			int status = Integer.parseInt(ws.readLine().split(" ")[1]);
			int length = ws.skipHeaders();
			byte[] body = new byte[Math.max(0, length)];
			ws.in.readFully(body);
			return new Refusal(status, new String(body, StandardCharsets.UTF_8));
		}
	}

	private void writeUpgrade(int port, String path, Map<String, String> headers) throws IOException {
		String key = Base64.getEncoder().encodeToString("uitweg-raw-test!".getBytes(StandardCharsets.US_ASCII));
		StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
				+ "\r\nSec-WebSocket-Version: 13\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		OutputStream out = this.socket.getOutputStream();
		out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/** Skips response headers; returns the Content-Length, or 0 if there is none. */
	private int skipHeaders() throws IOException {
		int length = 0;
		String line;
		while (!(line = readLine()).isEmpty()) {
			if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		return length;
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = this.in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	/** Sends one text frame, masked as a client must. */
	public void sendText(String text) throws IOException {
		sendFrame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends one frame of any kind; {@code fin} false leaves a message unfinished. */
	public void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write((fin ? 0x80 : 0) | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length <= 0xffff) {
			frame.write(0x80 | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length & 0xff);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) (((long) payload.length >> shift) & 0xff));
			}
		}
		byte[] mask = { 7, 13, 42, 99 };
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		this.socket.getOutputStream().write(frame.toByteArray());
		this.socket.getOutputStream().flush();
	}

	/** One frame as read: its opcode and payload. */
	public record Frame(int opcode, byte[] payload, boolean fin) {

		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

	/** Reads the next frame of any kind. */
	public Frame readFrame() throws IOException {
		return readFrame(this.in);
	}

	/** Reads one unmasked server frame from a stream (for other raw clients too). */
	public static Frame readFrame(DataInputStream in) throws IOException {
		int first = in.read();
		if (first < 0) {
			throw new EOFException("closed without a close frame");
		}
		int second = in.readUnsignedByte();
		long length = second & 0x7f;
		if (length == 126) {
			length = in.readUnsignedShort();
		}
		else if (length == 127) {
			length = in.readLong();
		}
		byte[] payload = new byte[(int) length];
		in.readFully(payload);
		return new Frame(first & 0x0f, payload, (first & 0x80) != 0);
	}

	/** Reads the next text frame, skipping pings and pongs. */
	public String readText() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == TEXT) {
				return frame.text();
			}
		}
	}

	/** Reads frames until a close frame and returns its status code. */
	public int awaitCloseCode() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == CLOSE) {
				byte[] payload = frame.payload();
				return (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
			}
		}
	}

	/**
	 * Reads whatever is left until the server ends the connection: its close code, or -1
	 * if it dropped the connection without one.
	 */
	public int awaitEnd() throws IOException {
		try {
			return awaitCloseCode();
		}
		catch (EOFException | SocketException ex) {
			return -1;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
