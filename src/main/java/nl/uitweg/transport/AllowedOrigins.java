package nl.uitweg.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The origins that may open a WebSocket: the site itself (the scheme, host and port the
 * request was made to, as the server sees them) and those configured. Origins are
 * compared as scheme, host and port, never as strings, so {@code https://uitweg.nl} and
 * {@code https://uitweg.nl:443} are one origin and {@code https://uitweg.nl.evil.com} is
 * another.
 */
final class AllowedOrigins {

	private final Set<Origin> configured;

	AllowedOrigins(List<String> configured) {
		this.configured = configured.stream().filter((origin) -> !origin.isBlank()).map((origin) -> {
			Origin parsed = Origin.parse(origin.trim());
			if (parsed == null) {
				throw new IllegalArgumentException("uitweg.transport.allowed-origins: '" + origin
						+ "' is not an origin; write it as scheme://host[:port], e.g. https://console.example.org");
			}
			return parsed;
		}).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Whether a browser on {@code origin} may connect; {@code self} is the URI the
	 * request was made to.
	 */
	boolean allows(String origin, URI self) {
		Origin from = Origin.parse(origin);
		if (from == null) {
			// "null" (sandboxed frames, file: pages) and anything malformed.
			return false;
		}
		return from.equals(Origin.of(self)) || this.configured.contains(from);
	}

	/** Scheme, host and port, normalised: lower case, default ports filled in. */
	record Origin(String scheme, String host, int port) {

		static @Nullable Origin parse(String text) {
			try {
				URI uri = new URI(text);
				boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
						&& uri.getRawFragment() == null && uri.getRawUserInfo() == null;
				return bare ? of(uri) : null;
			}
			catch (URISyntaxException ex) {
				return null;
			}
		}

		static @Nullable Origin of(URI uri) {
			if (uri.getScheme() == null || uri.getHost() == null) {
				return null;
			}
			String scheme = webScheme(uri.getScheme().toLowerCase(Locale.ROOT));
			if (scheme == null) {
				return null;
			}
			int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
			return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
		}

		/** The request URI of an upgrade may carry ws/wss; origins carry http/https. */
		private static @Nullable String webScheme(String scheme) {
			return switch (scheme) {
				case "http", "ws" -> "http";
				case "https", "wss" -> "https";
				default -> null;
			};
		}

	}

}
