package nl.uitweg.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.Chat;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A dropped connection loses nothing: resume after lastSeq, on any instance. */
class ResumeIntegrationTests {

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void visitorResumesOnAnotherInstanceWithoutGapOrDuplicate() {
		List<AppInstance> two = AppInstance.two();
		try (Chat chat = Chat.open(two.get(0), two.get(1), "resume-visitor")) {
			for (int i = 1; i <= 3; i++) {
				sendFromCounsellor(chat, "before " + i);
			}
			List<Long> seen = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				seen.add(chat.visitor().ws().expect("message").path("seq").asLong());
			}
			long lastSeen = seen.get(1);
			chat.visitor().ws().drop();
			// While the visitor is away the counsellor goes on writing.
			for (int i = 1; i <= 2; i++) {
				sendFromCounsellor(chat, "while away " + i);
			}
			try (Visitor back = Visitor.reconnect(two.get(1).port(), chat.visitor().token(), lastSeen)) {
				JsonNode welcome = back.ws().all().get(0);
				assertThat(welcome.path("state").asString()).isEqualTo("active");
				assertThat(welcome.path("counsellor").path("displayName").asString()).isNotBlank();
				List<String> texts = new ArrayList<>();
				List<Long> seqs = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					JsonNode message = back.ws().expect("message");
					texts.add(message.path("text").asString());
					seqs.add(message.path("seq").asLong());
				}
				assertThat(texts).containsExactly("before 3", "while away 1", "while away 2");
				assertThat(seqs).containsExactly(lastSeen + 1, lastSeen + 2, lastSeen + 3);
				// Live again: the next message arrives once.
				sendFromCounsellor(chat, "live");
				assertThat(back.ws().expect("message").path("text").asString()).isEqualTo("live");
				assertThat(back.ws().hasUnread("message")).isFalse();
				assertThat(back.ws().all()).filteredOn((f) -> f.path("type").asString().equals("welcome"))
					.as("one welcome per hello")
					.hasSize(1);
			}
		}
	}

	@Test
	void visitorReplayIncludesTheirOwnMessagesAndTheAssignment() {
		AppInstance a = AppInstance.shared("A");
		try (Chat chat = Chat.open(a, a, "resume-own")) {
			String id = UUID.randomUUID().toString();
			chat.visitor().ws().send(Map.of("type", "message", "clientMsgId", id, "text", "mijn bericht"));
			long seq = chat.visitor().ws().expect("sent").path("seq").asLong();
			chat.visitor().ws().drop();
			try (Visitor back = Visitor.reconnect(a.port(), chat.visitor().token(), 0)) {
				JsonNode assigned = back.ws().expect("assigned");
				assertThat(assigned.path("counsellor").path("displayName").asString())
					.isEqualTo("Counsellor resume-own");
				JsonNode own = back.ws().expect("message");
				assertThat(own.path("from").asString()).isEqualTo("visitor");
				assertThat(own.path("seq").asLong()).isEqualTo(seq);
				// Resending the same client id after the drop creates nothing new.
				back.ws().send(Map.of("type", "message", "clientMsgId", id, "text", "mijn bericht"));
				assertThat(back.ws().expect("sent").path("seq").asLong()).isEqualTo(seq);
			}
			chat.counsellor().expect("message", (f) -> f.path("seq").asLong() == seq);
			assertThat(chat.counsellor().hasUnread("message")).isFalse();
		}
	}

	@Test
	void counsellorResumesEachConversationAfterItsLastSeq() {
		List<AppInstance> two = AppInstance.two();
		try (Chat chat = Chat.open(two.get(0), two.get(0), "resume-counsellor")) {
			sendFromVisitor(chat, "een");
			long first = chat.counsellor().expect("message").path("seq").asLong();
			chat.counsellor().drop();
			sendFromVisitor(chat, "twee");
			sendFromVisitor(chat, "drie");
			StaffLogin login = StaffLogin.of(two.get(1).port(), "resume-counsellor", "password-resume-counsellor");
			try (WsClient back = WsClient.counsellor(two.get(1).port(), login)) {
				JsonNode welcome = back.expect("welcome");
				assertThat(welcome.path("conversations").get(0).path("conversationId").asString())
					.isEqualTo(chat.conversationId());
				back.send(Map.of("type", "resume", "conversations",
						List.of(Map.of("conversationId", chat.conversationId(), "lastSeq", first))));
				assertThat(back.expect("message").path("text").asString()).isEqualTo("twee");
				assertThat(back.expect("message").path("text").asString()).isEqualTo("drie");
				sendFromVisitor(chat, "vier");
				assertThat(back.expect("message").path("text").asString()).isEqualTo("vier");
				assertThat(back.hasUnread("message")).isFalse();
			}
		}
	}

	@Test
	void counsellorWhoDoesNotResumeGetsTheWholeConversationReplayed() {
		AppInstance a = AppInstance.shared("A");
		try (Chat chat = Chat.open(a, a, "resume-fallback")) {
			sendFromVisitor(chat, "hallo");
			chat.counsellor().expect("message");
			chat.counsellor().drop();
			StaffLogin login = StaffLogin.of(a.port(), "resume-fallback", "password-resume-fallback");
			try (WsClient back = WsClient.counsellor(a.port(), login)) {
				back.expect("welcome");
				JsonNode replayed = back.expect("message");
				assertThat(replayed.path("text").asString()).isEqualTo("hallo");
				assertThat(replayed.path("conversationId").asString()).isEqualTo(chat.conversationId());
			}
		}
	}

	@Test
	void counsellorWhoDoesNotResumeGetsEverythingAfterItsLastAcknowledgement() {
		AppInstance a = AppInstance.shared("A");
		try (Chat chat = Chat.open(a, a, "resume-after-ack")) {
			sendFromVisitor(chat, "al gezien");
			long seen = chat.counsellor().expect("message").path("seq").asLong();
			chat.counsellor().send(Map.of("type", "ack", "conversationId", chat.conversationId(), "seq", seen));
			sendFromVisitor(chat, "nog niet gezien");
			chat.counsellor().expect("message", (f) -> f.path("text").asString().equals("nog niet gezien"));
			chat.counsellor().drop();
			StaffLogin login = StaffLogin.of(a.port(), "resume-after-ack", "password-resume-after-ack");
			try (WsClient back = WsClient.counsellor(a.port(), login)) {
				back.expect("welcome");
				assertThat(back.expect("message").path("text").asString()).isEqualTo("nog niet gezien");
				assertThat(back.all()).noneMatch((f) -> f.path("text").asString().equals("al gezien"));
			}
		}
	}

	@Test
	void aResumeThatCrossesTheFallbackReplayGetsNothingTwice() {
		AppInstance a = AppInstance.shared("A");
		try (Chat chat = Chat.open(a, a, "resume-crossed")) {
			sendFromVisitor(chat, "eerste");
			sendFromVisitor(chat, "tweede");
			chat.counsellor().expect("message", (f) -> f.path("text").asString().equals("tweede"));
			chat.counsellor().drop();
			StaffLogin login = StaffLogin.of(a.port(), "resume-crossed", "password-resume-crossed");
			try (WsClient back = WsClient.counsellor(a.port(), login)) {
				back.expect("welcome");
				// No resume in time: the fallback replays everything...
				back.expect("message", (f) -> f.path("text").asString().equals("tweede"));
				// ...and a late resume from the start asks for what is already here.
				back.send(Map.of("type", "resume", "conversations",
						List.of(Map.of("conversationId", chat.conversationId(), "lastSeq", 0))));
				// Frames are handled in order: once this one is answered, the resume's
				// stream is the only one, and what comes next comes through it.
				back.send(Map.of("type", "no_such_frame"));
				back.expect("error", (f) -> f.path("code").asString().equals("unknown_type"));
				sendFromVisitor(chat, "derde");
				back.expect("message", (f) -> f.path("text").asString().equals("derde"));
				List<Long> seqs = back.all()
					.stream()
					.filter((f) -> f.has("seq") && f.path("conversationId").asString().equals(chat.conversationId()))
					.map((f) -> f.path("seq").asLong())
					.toList();
				assertThat(seqs).doesNotHaveDuplicates().isSorted();
			}
		}
	}

	private static void sendFromCounsellor(Chat chat, String text) {
		chat.counsellor()
			.send(Map.of("type", "message", "conversationId", chat.conversationId(), "clientMsgId",
					UUID.randomUUID().toString(), "text", text));
		chat.counsellor().expect("sent");
	}

	private static void sendFromVisitor(Chat chat, String text) {
		chat.visitor().ws().send(Map.of("type", "message", "clientMsgId", UUID.randomUUID().toString(), "text", text));
		chat.visitor().ws().expect("sent");
	}

}
