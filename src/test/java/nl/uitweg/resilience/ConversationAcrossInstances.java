package nl.uitweg.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One whole conversation between a visitor on one instance and a counsellor on another,
 * for the tests of a Redis deployment: messages both ways arrive in order and once, the
 * visitor resumes on the other instance without gap or duplicate, and the counsellor ends
 * it.
 */
final class ConversationAcrossInstances {

	private ConversationAcrossInstances() {
	}

	static void complete(AppInstance visitorSide, AppInstance counsellorSide, String username, int messages) {
		try (Chat chat = Chat.open(visitorSide, counsellorSide, username)) {
			List<String> fromVisitor = new ArrayList<>();
			List<String> fromCounsellor = new ArrayList<>();
			for (int i = 1; i <= messages; i++) {
				fromVisitor.add(send(chat.visitor().ws(), null, "bezoeker " + i));
				fromCounsellor.add(send(chat.counsellor(), chat.conversationId(), "hulpverlener " + i));
			}
			assertThat(texts(chat.counsellor(), "visitor", messages)).containsExactlyElementsOf(fromVisitor);
			List<JsonNode> seen = received(chat.visitor().ws(), "counsellor", messages);
			assertThat(seen).extracting((f) -> f.path("text").asString()).containsExactlyElementsOf(fromCounsellor);
			// Exactly once: a last message arrives, with nothing left over before it.
			String last = send(chat.counsellor(), chat.conversationId(), "laatste live");
			assertThat(received(chat.visitor().ws(), "counsellor", 1).get(0).path("text").asString()).isEqualTo(last);
			assertThat(chat.visitor().ws().hasUnread("message")).isFalse();
			assertThat(chat.counsellor().hasUnread("message")).isFalse();

			long lastSeq = chat.visitor()
				.ws()
				.all()
				.stream()
				.filter((f) -> "message".equals(f.path("type").asString()))
				.mapToLong((f) -> f.path("seq").asLong())
				.max()
				.orElseThrow();
			chat.visitor().ws().drop();
			List<String> whileAway = List.of(send(chat.counsellor(), chat.conversationId(), "terwijl weg 1"),
					send(chat.counsellor(), chat.conversationId(), "terwijl weg 2"));
			try (Visitor back = Visitor.reconnect(counsellorSide.port(), chat.visitor().token(), lastSeq)) {
				List<JsonNode> replayed = received(back.ws(), "counsellor", 2);
				assertThat(replayed).extracting((f) -> f.path("text").asString()).containsExactlyElementsOf(whileAway);
				assertThat(replayed).extracting((f) -> f.path("seq").asLong())
					.containsExactly(lastSeq + 1, lastSeq + 2);
				String after = send(back.ws(), null, "weer terug");
				assertThat(texts(chat.counsellor(), "visitor", 1)).containsExactly(after);
				chat.counsellor().send(Map.of("type", "end", "conversationId", chat.conversationId()));
				back.ws().expect("ended");
				assertThat(back.ws().hasUnread("message")).isFalse();
			}
		}
	}

	/** Sends a message and waits for its acknowledgement; returns the text. */
	/**
	 * Takes a one-token limit twice on each instance: the refusal shows that the
	 * instance's rate limits reached Redis (a limit that cannot reach it lets calls
	 * through).
	 */
	static void limitsReachRedis(String name, AppInstance... instances) {
		nl.uitweg.platform.RateLimits.Limit once = new nl.uitweg.platform.RateLimits.Limit(name, 1,
				java.time.Duration.ofMinutes(1));
		for (AppInstance instance : instances) {
			nl.uitweg.platform.RateLimits limits = instance.bean(nl.uitweg.platform.RateLimits.class);
			org.assertj.core.api.Assertions
				.assertThat(limits.take(once, instance.name()).block(java.time.Duration.ofSeconds(5)).allowed())
				.isTrue();
			org.assertj.core.api.Assertions
				.assertThat(limits.take(once, instance.name()).block(java.time.Duration.ofSeconds(5)).allowed())
				.isFalse();
		}
	}

	private static String send(WsClient ws, String conversationId, String text) {
		Map<String, Object> frame = new java.util.HashMap<>(
				Map.of("type", "message", "clientMsgId", UUID.randomUUID().toString(), "text", text));
		if (conversationId != null) {
			frame.put("conversationId", conversationId);
		}
		ws.send(frame);
		ws.expect("sent");
		return text;
	}

	private static List<String> texts(WsClient ws, String from, int count) {
		return received(ws, from, count).stream().map((f) -> f.path("text").asString()).toList();
	}

	private static List<JsonNode> received(WsClient ws, String from, int count) {
		List<JsonNode> frames = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			frames.add(ws.expect("message", (f) -> from.equals(f.path("from").asString())));
		}
		return frames;
	}

}
