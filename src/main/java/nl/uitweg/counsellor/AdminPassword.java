package nl.uitweg.counsellor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first coordinator's password: taken from {@code UITWEG_ADMIN_PASSWORD} or
 * generated, and how the operator learns a generated one. On a developer's machine (the
 * {@code dev} and {@code demo} profiles) it is printed once to the console; anywhere else
 * it goes to a file only its owner can read, because a console ends up in log collectors.
 *
 * @param password the password
 * @param generated whether it was generated here
 */
record AdminPassword(String password, boolean generated) {

	private static final Logger log = LoggerFactory.getLogger(AdminPassword.class);

	/**
	 * The configured password if there is one, checked; otherwise a generated one.
	 * @param local the {@code dev} or {@code demo} profile: a short configured password
	 * is only warned about
	 * @throws IllegalStateException when the configured password cannot be used
	 */
	static AdminPassword choose(CounsellorProperties properties, boolean local) {
		String configured = properties.adminPassword();
		if (configured.isBlank()) {
			return new AdminPassword(generate(), true);
		}
		if (!Passwords.hashable(configured)) {
			throw new IllegalStateException("UITWEG_ADMIN_PASSWORD is longer than " + Passwords.MAX_BYTES
					+ " bytes in UTF-8, more than the password hash takes; choose a shorter one.");
		}
		int min = properties.minPasswordLength();
		if (configured.codePointCount(0, configured.length()) < min) {
			String problem = "UITWEG_ADMIN_PASSWORD is shorter than " + min
					+ " characters (uitweg.counsellor.min-password-length)";
			if (!local) {
				throw new IllegalStateException(problem + "; choose a longer one, or leave it unset to have one "
						+ "generated into " + properties.adminPasswordFile() + ".");
			}
			log.warn("{}; accepted only because the dev or demo profile is active.", problem);
		}
		return new AdminPassword(configured, false);
	}

	/** Prints a generated password once, on a developer's machine only. */
	void print() {
		// Printed once, on purpose: the developer has no other way to learn it.
		System.out.println("Uitweg: created coordinator 'admin' with generated password: " + this.password);
	}

	/**
	 * Writes the password to a file that only its owner may read or write (POSIX 0600),
	 * replacing any older one. Blocking: call it off the event loop.
	 */
	void writeTo(Path file) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.deleteIfExists(file);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(file);
				File plain = file.toFile();
				boolean ownerOnly = plain.setReadable(false, false) && plain.setWritable(false, false)
						&& plain.setReadable(true, true) && plain.setWritable(true, true);
				if (!ownerOnly) {
					throw new IOException("cannot restrict the file to its owner");
				}
			}
			Files.writeString(file, this.password + System.lineSeparator(), StandardCharsets.UTF_8,
					StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write the generated password of coordinator 'admin' to " + file
					+ " (uitweg.counsellor.admin-password-file): " + ex.getMessage()
					+ ". Make it writable, or set UITWEG_ADMIN_PASSWORD.", ex);
		}
	}

	/** The file of a password that was not used after all (another instance won). */
	static void discard(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete {}: {}", file, ex.toString());
		}
	}

	private static String generate() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public String toString() {
		// Never the password itself, whoever logs this record.
		return "AdminPassword[generated=" + this.generated + "]";
	}

}
