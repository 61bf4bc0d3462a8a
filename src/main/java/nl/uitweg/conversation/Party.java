package nl.uitweg.conversation;

/** Who wrote a message. The names are the {@code from} values on the wire. */
public enum Party {

	VISITOR("visitor"), COUNSELLOR("counsellor"), SYSTEM("system");

	private final String wire;

	Party(String wire) {
		this.wire = wire;
	}

	public String wire() {
		return this.wire;
	}

}
