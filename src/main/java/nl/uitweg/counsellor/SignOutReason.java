package nl.uitweg.counsellor;

/**
 * Why a counsellor's consoles are closed by the server: the reason of close code 4401 and
 * of the {@code signed_out} notice.
 */
public enum SignOutReason {

	/** The console's own staff session signed out. */
	SIGNED_OUT("signed_out"),

	/** A coordinator disabled the account: every session ends. */
	ACCOUNT_DISABLED("account_disabled"),

	/** A coordinator set a new password: every session ends. */
	PASSWORD_RESET("password_reset");

	private final String wire;

	SignOutReason(String wire) {
		this.wire = wire;
	}

	public String wire() {
		return this.wire;
	}

}
