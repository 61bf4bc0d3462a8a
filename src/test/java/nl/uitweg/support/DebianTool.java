package nl.uitweg.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Debian program a test starts (redis-server, redis-sentinel, nginx): skipped with a
 * message where it is missing, except in CI (CI=true), where {@code .ci/run} installs it
 * and its absence fails the test.
 */
public final class DebianTool {

	private DebianTool() {
	}

	public static Path require(String path, String packages) {
		Path tool = Path.of(path);
		boolean installed = Files.isExecutable(tool);
		if (!"true".equals(System.getenv("CI"))) {
			Assumptions.assumeTrue(installed, "Debian's " + packages + " not installed");
		}
		assertThat(installed).as(packages + " (installed by .ci/run)").isTrue();
		return tool;
	}

}
