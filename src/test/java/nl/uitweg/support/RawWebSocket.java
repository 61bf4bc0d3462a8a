package nl.uitweg.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket spoken byte by byte over a plain socket, for checks where a client library
 * would hide what the server put on the wire (such as the close code).
 */
public final class RawWebSocket implements AutoCloseable {

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
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0);
		socket.setSoTimeout((int) WsClient.WAIT.toMillis());
		String key = Base64.getEncoder().encodeToString("uitweg-raw-test!".getBytes(StandardCharsets.US_ASCII));
		String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
		OutputStream out = socket.getOutputStream();
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		RawWebSocket ws = new RawWebSocket(socket);
		String status = ws.readLine();
		if (!status.contains(" 101 ")) {
			throw new IOException("Upgrade refused: " + status);
		}
		while (!ws.readLine().isEmpty()) {
			// skip response headers
		}
		return ws;
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
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
		frame.write(0x81);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length & 0xff);
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
	private record Frame(int opcode, byte[] payload) {
	}

	private Frame readFrame() throws IOException {
		int first = this.in.read();
		if (first < 0) {
			throw new java.io.EOFException("closed without a close frame");
		}
		int second = this.in.readUnsignedByte();
		long length = second & 0x7f;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		return new Frame(first & 0x0f, payload);
	}

	/** Reads the next text frame. */
	public String readText() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == 0x1) {
				return new String(frame.payload(), StandardCharsets.UTF_8);
			}
		}
	}

	/** Reads frames until a close frame and returns its status code. */
	public int awaitCloseCode() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == 0x8) {
				byte[] payload = frame.payload();
				return (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
