package nl.uitweg.counsellor;

import java.util.Arrays;
import java.util.Optional;

/** What a signed-in counsellor says about taking new conversations. */
public enum Availability {

	AVAILABLE("available"), AWAY("away");

	private final String wire;

	Availability(String wire) {
		this.wire = wire;
	}

	public String wire() {
		return this.wire;
	}

	public static Optional<Availability> fromWire(String value) {
		return Arrays.stream(values()).filter((a) -> a.wire.equals(value)).findFirst();
	}

}
