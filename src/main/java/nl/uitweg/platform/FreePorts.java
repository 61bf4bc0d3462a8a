package nl.uitweg.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a free loopback port for an embedded server. */
public final class FreePorts {

	private FreePorts() {
	}

	public static int find() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
