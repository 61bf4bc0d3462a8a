package nl.uitweg.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1, made with the
 * JDK's keytool at test time (no openssl, no key material in the repository), as PEM
 * files a redis-server and a Spring SSL bundle read.
 *
 * @param ca the authority's certificate, which clients trust
 * @param certificate the server's certificate, signed by the authority
 * @param key the server's private key (PKCS#8)
 */
record TestCertificates(Path ca, Path certificate, Path key) {

	private static final String PASSWORD = "throwaway";

	static TestCertificates create(Path dir) throws IOException, InterruptedException {
		Path store = dir.resolve("keys.p12");
		keytool("-genkeypair", "-keystore", store, "-alias", "ca", "-dname", "CN=Uitweg test CA", "-ext", "bc:c");
		keytool("-genkeypair", "-keystore", store, "-alias", "server", "-dname", "CN=127.0.0.1");
		Path request = dir.resolve("server.csr");
		keytool("-certreq", "-keystore", store, "-alias", "server", "-file", request);
		Path certificate = dir.resolve("server.pem");
		keytool("-gencert", "-keystore", store, "-alias", "ca", "-infile", request, "-outfile", certificate, "-rfc",
				"-ext", "san=ip:127.0.0.1,dns:localhost");
		Path ca = dir.resolve("ca.pem");
		keytool("-exportcert", "-keystore", store, "-alias", "ca", "-rfc", "-file", ca);
		Path key = dir.resolve("server.key");
		try (InputStream in = Files.newInputStream(store)) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(in, PASSWORD.toCharArray());
			Key privateKey = keys.getKey("server", PASSWORD.toCharArray());
			Files.writeString(key,
					"-----BEGIN PRIVATE KEY-----\n"
							+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(privateKey.getEncoded())
							+ "\n-----END PRIVATE KEY-----\n");
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
		return new TestCertificates(ca, certificate, key);
	}

	private static void keytool(Object... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-noprompt"));
		for (Object argument : arguments) {
			command.add(argument.toString());
		}
		if (command.contains("-genkeypair")) {
			command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
		}
		if (command.contains("-gencert")) {
			command.addAll(List.of("-validity", "2"));
		}
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IOException("keytool failed: " + command + "\n" + output);
		}
	}

}
