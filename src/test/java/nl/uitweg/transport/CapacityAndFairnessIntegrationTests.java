package nl.uitweg.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.TestBackends;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Capacity limits and the waiting line, seen through the contract frames. */
class CapacityAndFairnessIntegrationTests {

	@BeforeEach
	void cleanChatState() {
		TestBackends.get().flushChat();
	}

	@Test
	void thirdVisitorWaitsAtPositionOneAndIsOfferedWhenAChatEnds() {
		AppInstance a = AppInstance.shared("A");
		a.ensureCounsellor("cap-two", "password-cap-two", 2);
		List<Visitor> visitors = new ArrayList<>();
		try (WsClient counsellor = WsClient.counsellor(a.port(),
				StaffLogin.of(a.port(), "cap-two", "password-cap-two"))) {
			counsellor.expect("welcome");
			counsellor.send(Map.of("type", "availability", "status", "available"));
			counsellor.expect("availability");
			List<String> conversations = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				Visitor visitor = Visitor.connect(a.port());
				visitors.add(visitor);
				conversations.add(visitor.start());
			}
			for (int i = 0; i < 2; i++) {
				String offered = counsellor.expect("offer").path("conversationId").asString();
				assertThat(offered).isEqualTo(conversations.get(i));
				counsellor.send(Map.of("type", "accept", "conversationId", offered));
				counsellor.expect("assigned", (f) -> f.path("conversationId").asString().equals(offered));
			}
			Visitor third = visitors.get(2);
			assertThat(third.ws().all())
				.anyMatch((f) -> f.path("type").asString().equals("queued") && f.path("position").asInt() == 1
						&& f.path("conversationId").asString().equals(conversations.get(2)));
			assertThat(counsellor.hasUnread("offer")).isFalse();

			counsellor.send(Map.of("type", "end", "conversationId", conversations.get(0)));
			JsonNode offer = counsellor.expect("offer");
			assertThat(offer.path("conversationId").asString()).isEqualTo(conversations.get(2));
			counsellor.send(Map.of("type", "accept", "conversationId", conversations.get(2)));
			third.ws().expect("assigned");
		}
		finally {
			visitors.forEach(Visitor::close);
		}
	}

	@Test
	void acuteDangerIsOfferedBeforeEarlierVisitors() {
		AppInstance a = AppInstance.shared("A");
		a.ensureCounsellor("acute", "password-acute", 1);
		try (Visitor early = Visitor.connect(a.port());
				Visitor acute = Visitor.connect(a.port());
				WsClient counsellor = WsClient.counsellor(a.port(),
						StaffLogin.of(a.port(), "acute", "password-acute"))) {
			counsellor.expect("welcome");
			early.start(Map.of("contactRole", "PEER"));
			String urgent = acute.start(Map.of("acuteDanger", true));
			early.ws().expect("queued", (f) -> f.path("position").asInt() == 2);
			counsellor.send(Map.of("type", "availability", "status", "available"));
			assertThat(counsellor.expect("offer").path("conversationId").asString()).isEqualTo(urgent);
		}
	}

	@Test
	void sixtyVisitorsAndSixCounsellorsOnTwoInstancesAreAllServedOnceWithinCapacity() throws Exception {
		List<AppInstance> instances = AppInstance.two();
		int capacity = 3;
		List<WsClient> counsellors = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			AppInstance instance = instances.get(i % 2);
			String name = "load-" + i;
			instance.ensureCounsellor(name, "password-" + name, capacity);
			WsClient client = WsClient.counsellor(instance.port(),
					StaffLogin.of(instance.port(), name, "password-" + name));
			client.expect("welcome");
			counsellors.add(client);
			names.add(name);
		}
		List<Visitor> visitors = new ArrayList<>();
		Map<String, Visitor> byConversation = new ConcurrentHashMap<>();
		try {
			for (int i = 0; i < 60; i++) {
				Visitor visitor = Visitor.connect(instances.get((i + 1) % 2).port());
				visitors.add(visitor);
				byConversation.put(visitor.start(), visitor);
			}
			counsellors.forEach((c) -> c.send(Map.of("type", "availability", "status", "available")));

			Map<String, String> servedBy = new ConcurrentHashMap<>();
			Set<String> ended = ConcurrentHashMap.newKeySet();
			int[] open = new int[6];
			int[] maxOpen = new int[6];
			// Round-robin over the consoles: accept each offer, say hello, end the chat.
			while (ended.size() < 60) {
				boolean progress = false;
				for (int c = 0; c < 6; c++) {
					WsClient console = counsellors.get(c);
					while (console.hasUnread("offer")) {
						String cid = console.expect("offer").path("conversationId").asString();
						assertThat(servedBy.putIfAbsent(cid, names.get(c))).as("offered twice: %s", cid).isNull();
						open[c]++;
						maxOpen[c] = Math.max(maxOpen[c], open[c]);
						console.send(Map.of("type", "accept", "conversationId", cid));
						console.expect("assigned", (f) -> f.path("conversationId").asString().equals(cid));
						console.send(Map.of("type", "message", "conversationId", cid, "clientMsgId",
								UUID.randomUUID().toString(), "text", "Hoi, ik ben er."));
						console.expect("sent", (f) -> f.path("conversationId").asString().equals(cid));
						byConversation.get(cid)
							.ws()
							.expect("message", (f) -> f.path("from").asString().equals("counsellor"));
						console.send(Map.of("type", "end", "conversationId", cid));
						console.expect("ended", (f) -> f.path("conversationId").asString().equals(cid));
						byConversation.get(cid).ws().expect("ended");
						open[c]--;
						ended.add(cid);
						progress = true;
					}
				}
				if (!progress) {
					// Wait (bounded) for the next offer to any console.
					awaitAnyOffer(counsellors);
				}
			}
			assertThat(servedBy).hasSize(60).containsOnlyKeys(byConversation.keySet());
			for (int c = 0; c < 6; c++) {
				assertThat(maxOpen[c]).isLessThanOrEqualTo(capacity);
			}
			assertThat(Set.copyOf(servedBy.values())).as("work spread over counsellors").hasSizeGreaterThan(1);
			assertThat(TestBackends.get().redis().zcard("{uw}:queue")).isZero();
		}
		finally {
			visitors.forEach(Visitor::close);
			counsellors.forEach(WsClient::close);
		}
	}

	private static void awaitAnyOffer(List<WsClient> counsellors) {
		long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
		while (counsellors.stream().noneMatch((c) -> c.hasUnread("offer"))) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No offer arrived in time");
			}
			org.awaitility.Awaitility.await()
				.pollDelay(java.time.Duration.ofMillis(20))
				.atMost(java.time.Duration.ofMillis(100))
				.until(() -> true);
		}
	}

}
