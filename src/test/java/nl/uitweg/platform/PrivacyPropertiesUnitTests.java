package nl.uitweg.platform;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The rewrite interval cannot be set so long that the one-hour bound breaks. */
class PrivacyPropertiesUnitTests {

	@Test
	void acceptsIntervalsUpToFortyFiveMinutes() {
		assertThat(new PrivacyProperties(Duration.ofMinutes(45)).rewriteInterval()).isEqualTo(Duration.ofMinutes(45));
	}

	@Test
	void refusesLongerZeroAndNegativeIntervals() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PrivacyProperties(Duration.ofMinutes(46)))
			.withMessageContaining("rewrite-interval");
		assertThatIllegalArgumentException().isThrownBy(() -> new PrivacyProperties(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new PrivacyProperties(Duration.ofSeconds(-1)));
	}

}
