package nl.uitweg.counsellor;

import java.util.Arrays;

/** Where a counsellor stands, as presence.lua and dispatch.lua write it. */
public enum CounsellorStatus {

	AVAILABLE("available"), AWAY("away"),

	/** No console connected (or all went silent). */
	OFFLINE("offline");

	private final String wire;

	CounsellorStatus(String wire) {
		this.wire = wire;
	}

	public String wire() {
		return this.wire;
	}

	static CounsellorStatus fromWire(String value) {
		return Arrays.stream(values()).filter((s) -> s.wire.equals(value)).findFirst().orElse(OFFLINE);
	}

}
