package nl.uitweg.stats.disclosure;

import java.util.Optional;

/**
 * A figure as it may be published: its value, or only the fact that it is suppressed.
 *
 * @param <T> the kind of value: a count, a percentage, a median
 */
public sealed interface Disclosed<T> permits Disclosed.Shown, Disclosed.Suppressed {

	/** A published value. */
	static <T> Disclosed<T> shown(T value) {
		return new Shown<>(value);
	}

	/** A value that must not be shown. */
	static <T> Disclosed<T> suppressed() {
		return new Suppressed<>();
	}

	/** Whether the value is withheld. */
	default boolean isSuppressed() {
		return this instanceof Suppressed;
	}

	/** The value, or empty when it is suppressed. */
	default Optional<T> toOptional() {
		return (this instanceof Shown<T> shown) ? Optional.of(shown.value()) : Optional.empty();
	}

	/** A value that may be shown. */
	record Shown<T>(T value) implements Disclosed<T> {

	}

	/** A value that is withheld; it carries nothing. */
	record Suppressed<T>() implements Disclosed<T> {

	}

}
