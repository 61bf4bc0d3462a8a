package nl.uitweg.counsellor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The first coordinator's password: a configured one is checked, a generated one is
 * written for its owner's eyes only.
 */
class AdminPasswordUnitTests {

	@TempDir
	Path directory;

	@Test
	void aBlankPasswordIsGeneratedLongEnough() {
		AdminPassword chosen = AdminPassword.choose(properties(""), false);
		assertThat(chosen.generated()).isTrue();
		assertThat(chosen.password()).hasSizeGreaterThanOrEqualTo(12);
		assertThat(chosen.toString()).doesNotContain(chosen.password());
	}

	@Test
	void aShortConfiguredPasswordStopsAProductionStartWithAClearMessage() {
		assertThatIllegalStateException().isThrownBy(() -> AdminPassword.choose(properties("s3cr3t"), false))
			.withMessageContaining("UITWEG_ADMIN_PASSWORD")
			.withMessageContaining("12")
			.withMessageNotContaining("s3cr3t");
	}

	@Test
	void aShortConfiguredPasswordIsOnlyWarnedAboutOnADevelopersMachine() {
		AdminPassword chosen = AdminPassword.choose(properties("admin"), true);
		assertThat(chosen.generated()).isFalse();
		assertThat(chosen.password()).isEqualTo("admin");
	}

	@Test
	void aPasswordTheHashCannotTakeIsRefusedEverywhere() {
		assertThatIllegalStateException().isThrownBy(() -> AdminPassword.choose(properties("x".repeat(73)), true))
			.withMessageContaining("72 bytes");
	}

	@Test
	void aGeneratedPasswordIsWrittenForItsOwnerOnlyReplacingAnOlderFile() throws IOException {
		Path file = this.directory.resolve("secrets/admin-password.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, "an older password");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		AdminPassword chosen = AdminPassword.choose(properties(""), false);
		chosen.writeTo(file);

		assertThat(Files.readString(file, StandardCharsets.UTF_8).strip()).isEqualTo(chosen.password());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	private static CounsellorProperties properties(String adminPassword) {
		return new CounsellorProperties(3, 6, adminPassword, Path.of("admin-password.txt"), 12,
				new CounsellorProperties.Login(5, 20, Duration.ofMinutes(15)));
	}

}
