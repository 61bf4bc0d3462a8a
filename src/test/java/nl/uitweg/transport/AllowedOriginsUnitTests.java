package nl.uitweg.transport;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Origins are compared as scheme, host and port, never as strings. */
class AllowedOriginsUnitTests {

	private static final URI SELF = URI.create("https://uitweg.nl/ws/visitor");

	private final AllowedOrigins origins = new AllowedOrigins(List.of("https://console.example.org", " "));

	@ParameterizedTest
	@ValueSource(strings = { "https://uitweg.nl", "https://uitweg.nl:443", "HTTPS://UITWEG.NL",
			"https://console.example.org", "https://console.example.org:443" })
	void allowsTheSiteItselfAndTheConfiguredOrigins(String origin) {
		assertThat(this.origins.allows(origin, SELF)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "null", "", " ", "https://uitweg.nl.evil.com", "https://evil-uitweg.nl", "http://uitweg.nl",
					"https://uitweg.nl:8443", "https://uitweg.nl/", "https://user@uitweg.nl", "https://uitweg.nl?x",
					"ftp://uitweg.nl", "uitweg.nl", "https://", "https://console.example.org.evil.com", "%zz" })
	void refusesEverythingElse(String origin) {
		assertThat(this.origins.allows(origin, SELF)).isFalse();
	}

	@Test
	void comparesPortsAndAddressesOfAPlainHttpSite() {
		URI local = URI.create("http://127.0.0.1:8080/ws/counsellor");
		assertThat(this.origins.allows("http://127.0.0.1:8080", local)).isTrue();
		assertThat(this.origins.allows("http://127.0.0.1", local)).isFalse();
		assertThat(this.origins.allows("http://localhost:8080", local)).isFalse();
		URI ipv6 = URI.create("http://[::1]:8080/ws/visitor");
		assertThat(this.origins.allows("http://[::1]:8080", ipv6)).isTrue();
	}

	@Test
	void refusesToStartWithAMalformedConfiguredOrigin() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AllowedOrigins(List.of("console.example.org")))
			.withMessageContaining("uitweg.transport.allowed-origins");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AllowedOrigins(List.of("https://console.example.org/path")));
	}

}
