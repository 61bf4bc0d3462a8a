package nl.uitweg.counsellor;

/** What a staff member may do. */
public enum Role {

	/** Takes conversations and registers them. */
	COUNSELLOR,

	/** Watches demand, manages staff and reads statistics. */
	COORDINATOR

}
