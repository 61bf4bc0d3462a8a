package nl.uitweg.counsellor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first start on an empty database: outside the dev and demo profiles a generated
 * password goes to a file only its owner can read, never to the console; a configured
 * password that is too short stops the start.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void aGeneratedPasswordGoesToAnOwnerOnlyFileAndNotToTheConsole(CapturedOutput output) throws IOException {
		Path file = this.directory.resolve("admin-password.txt");
		String database = "uitweg_bootstrap_" + Long.toString(System.nanoTime(), 36);
		try (AppInstance app = AppInstance.start("bootstrap", Map.of("spring.mongodb.database", database,
				"uitweg.counsellor.admin-password", "", "uitweg.counsellor.admin-password-file", file.toString()))) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			String password = Files.readString(file, StandardCharsets.UTF_8).strip();
			assertThat(password).hasSizeGreaterThanOrEqualTo(12);
			assertThat(StaffLogin.of(app.port(), "admin", password).session()).isNotBlank();
			assertThat(output.getAll()).doesNotContain(password).contains(file.toAbsolutePath().toString());
		}
	}

	@Test
	void aShortConfiguredPasswordStopsTheStartWithAClearMessage() {
		String database = "uitweg_bootstrap_" + Long.toString(System.nanoTime(), 36);
		assertThatThrownBy(() -> AppInstance.start("bootstrap-short",
				Map.of("spring.mongodb.database", database, "uitweg.counsellor.admin-password", "too-short")))
			.hasStackTraceContaining("UITWEG_ADMIN_PASSWORD is shorter than 12 characters");
	}

}
