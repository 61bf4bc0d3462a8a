package nl.uitweg.support;

import java.util.Map;

/**
 * A visitor and a counsellor in one accepted conversation, for tests that start from
 * there.
 */
public record Chat(Visitor visitor, WsClient counsellor, String conversationId) implements AutoCloseable {

	/**
	 * Connects both sides (possibly on different instances) and has the counsellor
	 * accept.
	 */
	public static Chat open(AppInstance visitorSide, AppInstance counsellorSide, String username) {
		counsellorSide.ensureCounsellor(username, "password-" + username, 3);
		WsClient counsellor = WsClient.counsellor(counsellorSide.port(),
				StaffLogin.of(counsellorSide.port(), username, "password-" + username));
		counsellor.expect("welcome");
		// Available first: a fresh counsellor is the least loaded, so the offer comes
		// here.
		counsellor.send(Map.of("type", "availability", "status", "available"));
		counsellor.expect("availability");
		Visitor visitor = Visitor.connect(visitorSide.port());
		String conversationId = visitor.start();
		counsellor.expect("offer", (f) -> f.path("conversationId").asString().equals(conversationId));
		counsellor.send(Map.of("type", "accept", "conversationId", conversationId));
		counsellor.expect("assigned", (f) -> f.path("conversationId").asString().equals(conversationId));
		visitor.ws().expect("assigned");
		return new Chat(visitor, counsellor, conversationId);
	}

	@Override
	public void close() {
		this.visitor.close();
		this.counsellor.close();
	}

}
