package nl.uitweg.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import nl.uitweg.platform.RedisKeys;

/** The scenarios that only Uitweg has: waiting, surge and the reconnect storm. */
final class UitwegScenarios {

	private final int portA;

	private final int portB;

	/** The Redis both instances use: the surge reads the order of the offers there. */
	private final String redisUrl;

	/**
	 * Instance A as a process (full run), or null in the smoke run (no memory probes).
	 */
	private final BenchProcess processA;

	UitwegScenarios(int portA, int portB, String redisUrl, BenchProcess processA) {
		this.redisUrl = redisUrl;
		this.portA = portA;
		this.portB = portB;
		this.processA = processA;
	}

	/**
	 * Visitors arrive open-loop at a fixed rate on instance A and start; measures start →
	 * first queued, and the heap after a full GC and the RSS of A before and after, per
	 * waiting visitor.
	 */
	Map<String, Object> waiting(int visitors, int arrivalsPerSecond) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("visitors", visitors);
		out.put("arrivalsPerSecond", arrivalsPerSecond);
		long heapBefore = (this.processA != null) ? settledHeap() : -1;
		long rssBefore = (this.processA != null) ? this.processA.rssBytes() : -1;
		List<VisitorClient> queued = arrive(visitors, arrivalsPerSecond, this.portA);
		Histogram toQueued = Bench.histogram();
		queued.forEach((v) -> toQueued.recordValue((v.queuedAt - v.startSentAt) / 1000));
		out.put("queued", queued.size());
		out.put("startToQueued", Bench.percentiles(toQueued));
		if (this.processA != null) {
			long heapAfter = settledHeap();
			long rssAfter = this.processA.rssBytes();
			out.put("heapBeforeBytes", heapBefore);
			out.put("heapAfterBytes", heapAfter);
			out.put("heapPerVisitorBytes", (heapAfter - heapBefore) / visitors);
			out.put("rssBeforeBytes", rssBefore);
			out.put("rssAfterBytes", rssAfter);
			out.put("rssPerVisitorBytes", (rssAfter - rssBefore) / visitors);
		}
		leave(queued);
		return out;
	}

	/** Arrivals scheduled by the clock; each connects, says hello and starts. */
	private static List<VisitorClient> arrive(int visitors, int perSecond, int port) {
		List<Mono<VisitorClient>> started = new ArrayList<>();
		long begin = System.nanoTime();
		for (int i = 0; i < visitors; i++) {
			Bench.until(begin + (long) (i * 1e9 / perSecond));
			started.add(VisitorClient.connect(port).flatMap(VisitorClient::start).cache());
			started.get(i).subscribe(null, (error) -> {
			});
		}
		return Flux.concat(started).collectList().block(VisitorClient.wait(visitors));
	}

	/**
	 * Quick exit for every visitor, then their sockets closed. Waits until the queue in
	 * Redis is empty and every socket is closed, so that what the next scenario measures
	 * (the heap before its visitors come, above all) holds none of these.
	 */
	private void leave(List<VisitorClient> visitors) {
		visitors.forEach(VisitorClient::leave);
		RedisClient redis = RedisClient.create(this.redisUrl);
		try (var connection = redis.connect()) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + visitors.size() / 50);
			while (connection.sync().zcard(RedisKeys.QUEUE) > 0 && System.nanoTime() < deadline) {
				Bench.pause(200);
			}
		}
		finally {
			redis.shutdown();
		}
		visitors.forEach(VisitorClient::close);
		Flux.fromIterable(visitors).flatMap(VisitorClient::closed).then().block(VisitorClient.wait(visitors.size()));
	}

	/**
	 * The heap of A after a full collection, once it no longer falls: work still in
	 * flight (the clean-up of sockets that just closed, the last arrivals' first frames)
	 * is not counted.
	 */
	private long settledHeap() {
		long heap = this.processA.heapAfterGcBytes();
		for (int i = 0; i < 10; i++) {
			Bench.pause(1000);
			long again = this.processA.heapAfterGcBytes();
			if (again > heap - 1024 * 1024) {
				return Math.min(heap, again);
			}
			heap = again;
		}
		return heap;
	}

	/**
	 * A surge: arrivals within a window on A, counsellors (capacity 1) on B who accept
	 * each offer, hold the conversation and end it. Queue-assign latency is counsellor
	 * free (end sent) → the next visitor's assigned, counted when that visitor was
	 * already waiting. An order violation is a visitor offered before an earlier one
	 * (queued before the later one even sent start), in the order Redis published the
	 * offers (read from Redis itself, so no socket's delay can reorder them). The same as
	 * the clients saw it (an earlier one's offer arriving at its console after the later
	 * one's {@code assigned} arrived at the visitor) is reported beside it: on a
	 * saturated machine one socket can lag another by tens of milliseconds.
	 */
	Map<String, Object> surge(int arrivals, int windowSeconds, int counsellors, int holdMillis) {
		Map<Integer, Long> freeAt = new ConcurrentHashMap<>();
		Map<String, long[]> offers = new ConcurrentHashMap<>();
		List<Console> consoles = UitwegChat.consoles(this.portB, counsellors, 1, (text) -> {
		});
		for (int i = 0; i < consoles.size(); i++) {
			int index = i;
			consoles.get(i).onOffer = (console, id) -> {
				Long free = freeAt.get(index);
				offers.put(id, new long[] { System.nanoTime(), (free != null) ? free : 0 });
				console.accept(id);
			};
			consoles.get(i).onAssigned = (id) -> reactor.core.scheduler.Schedulers.parallel().schedule(() -> {
				freeAt.put(index, System.nanoTime());
				consoles.get(index).end(id);
			}, holdMillis, TimeUnit.MILLISECONDS);
		}
		Map<String, Integer> offerOrder = new ConcurrentHashMap<>();
		RedisClient redis = RedisClient.create(this.redisUrl);
		StatefulRedisPubSubConnection<String, String> published = redis.connectPubSub();
		JsonMapper json = JsonMapper.builder().build();
		published.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String pattern, String channel, String message) {
				var notice = json.readTree(message);
				if ("offer".equals(notice.path("type").asString())) {
					// One listener thread: the size is the rank in publishing order.
					offerOrder.putIfAbsent(notice.path("conversationId").asString(), offerOrder.size());
				}
			}
		});
		published.sync().psubscribe(RedisKeys.counsellorChannel("*"));
		long begin = System.nanoTime();
		List<VisitorClient> visitors = arrive(arrivals, Math.max(1, arrivals / windowSeconds), this.portA);
		List<VisitorClient> assigned = Flux.fromIterable(visitors)
			.flatMap((v) -> v.assigned().timeout(Duration.ofSeconds(120)).onErrorResume((e) -> Mono.empty()))
			.collectList()
			.block(Duration.ofMinutes(10));
		double seconds = (System.nanoTime() - begin) / 1e9;
		Histogram latency = Bench.histogram();
		Histogram toOffer = Bench.histogram();
		Histogram offerToAssigned = Bench.histogram();
		for (VisitorClient v : assigned) {
			long[] offer = offers.get(v.conversationId);
			if (offer != null && offer[1] > 0 && v.queuedAt < offer[1]) {
				latency.recordValue(Math.max(0, (v.assignedAt - offer[1]) / 1000));
				toOffer.recordValue(Math.max(0, (offer[0] - offer[1]) / 1000));
				offerToAssigned.recordValue(Math.max(0, (v.assignedAt - offer[0]) / 1000));
			}
		}
		published.close();
		redis.shutdown();
		long violations = 0;
		long seenOutOfOrder = 0;
		for (VisitorClient later : assigned) {
			Integer laterRank = offerOrder.get(later.conversationId);
			for (VisitorClient earlier : assigned) {
				if (earlier.queuedAt >= later.startSentAt) {
					continue;
				}
				Integer earlierRank = offerOrder.get(earlier.conversationId);
				if (earlierRank != null && laterRank != null && earlierRank > laterRank) {
					violations++;
				}
				long[] offerOfEarlier = offers.get(earlier.conversationId);
				if (offerOfEarlier != null && offerOfEarlier[0] > later.assignedAt) {
					seenOutOfOrder++;
				}
			}
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("arrivals", arrivals);
		out.put("windowSeconds", windowSeconds);
		out.put("counsellors", counsellors);
		out.put("holdMillis", holdMillis);
		out.put("assigned", assigned.size());
		out.put("secondsUntilAllAssigned", Bench.round(seconds, 1));
		out.put("queueAssign", Bench.percentiles(latency));
		// The two halves: free → the offer at the console, and the offer → assigned at
		// the
		// visitor (the console accepts at once).
		out.put("freeToOffer", Bench.percentiles(toOffer));
		out.put("offerToAssigned", Bench.percentiles(offerToAssigned));
		out.put("offersReadInRedis", offerOrder.size());
		out.put("orderViolations", violations);
		out.put("orderViolationsAsSeenByClients", seenOutOfOrder);
		consoles.forEach(Console::close);
		leave(visitors);
		return out;
	}

	/**
	 * Chats whose visitors all drop at once (TCP gone, no close frame) and resume with
	 * hello and their lastSeq while the counsellors keep writing: time from the drop to
	 * welcome, and messages lost (acknowledged to the counsellor, never shown to the
	 * visitor) or delivered twice.
	 */
	Map<String, Object> reconnect(int clients, int capacity) {
		UitwegChat chat = new UitwegChat(this.portA, this.portB, capacity, List.of());
		chat.open(clients, (text) -> {
		});
		// Each visitor has its assigned; a console's own assigned (from the other
		// instance) can still be on its way, and a conversation missing from the
		// snapshot below would get no messages at all (and show as 9 missing).
		long consolesHeldAfterMs = awaitConsolesHold(chat, Duration.ofSeconds(30));
		Map<Console, List<String>> owned = new LinkedHashMap<>();
		chat.consoles().forEach((c) -> owned.put(c, new ArrayList<>(c.conversations)));
		int perPhase = 3;
		write(owned, "before", perPhase);
		awaitTexts(chat.visitors(), perPhase, Duration.ofSeconds(30));
		long dropped = System.nanoTime();
		chat.visitors().forEach(VisitorClient::drop);
		write(owned, "during", perPhase);
		List<VisitorClient> resumed = Flux.fromIterable(chat.visitors())
			.flatMap((v) -> v.hello(this.portA), 256)
			.collectList()
			.block(VisitorClient.wait(clients));
		write(owned, "after", perPhase);
		boolean complete = awaitTexts(chat.visitors(), 3 * perPhase, Duration.ofSeconds(60));
		Histogram toResumed = Bench.histogram();
		resumed.forEach((v) -> toResumed.recordValue((v.welcomeAt - dropped) / 1000));
		java.util.Set<String> acknowledged = new java.util.HashSet<>();
		List<String> refused = new ArrayList<>();
		owned.keySet().forEach((console) -> {
			acknowledged.addAll(console.acknowledged);
			refused.addAll(console.refused);
		});
		long lost = 0;
		long missing = 0;
		long duplicated = 0;
		for (VisitorClient v : chat.visitors()) {
			long mine = v.texts.keySet().stream().filter((t) -> t.startsWith("st:")).count();
			missing += 3 * perPhase - mine;
			lost += acknowledged.stream()
				.filter((t) -> t.startsWith("st:" + v.conversationId + ":") && !v.texts.containsKey(t))
				.count();
			duplicated += v.texts.entrySet()
				.stream()
				.filter((e) -> e.getKey().startsWith("st:"))
				.mapToLong((e) -> e.getValue() - 1)
				.sum();
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("clients", clients);
		out.put("consolesHeldAfterMs", consolesHeldAfterMs);
		out.put("resumed", resumed.size());
		out.put("dropToResumed", Bench.percentiles(toResumed));
		out.put("messagesPerConversation", 3 * perPhase);
		out.put("allArrivedInTime", complete);
		// Lost: acknowledged (sent) and never shown. Missing also counts what the server
		// never acknowledged (refused, or unanswered when the wait ended).
		out.put("acknowledged", acknowledged.size());
		out.put("refused", refused);
		out.put("missing", missing);
		out.put("lost", lost);
		out.put("duplicated", duplicated);
		chat.closePairs();
		return out;
	}

	/** How long it took (ms) until every visitor's conversation was on a console. */
	private static long awaitConsolesHold(UitwegChat chat, Duration atMost) {
		java.util.Set<String> expected = new java.util.HashSet<>();
		chat.visitors().forEach((v) -> expected.add(v.conversationId));
		long start = System.nanoTime();
		long deadline = start + atMost.toNanos();
		while (true) {
			java.util.Set<String> held = new java.util.HashSet<>();
			chat.consoles().forEach((console) -> held.addAll(console.conversations));
			if (held.containsAll(expected)) {
				return (System.nanoTime() - start) / 1_000_000;
			}
			if (System.nanoTime() > deadline) {
				expected.removeAll(held);
				throw new IllegalStateException(
						expected.size() + " conversations never reached a counsellor's console as assigned");
			}
			Bench.pause(50);
		}
	}

	private static void write(Map<Console, List<String>> owned, String phase, int count) {
		owned.forEach((console, ids) -> ids.forEach((id) -> {
			for (int i = 0; i < count; i++) {
				console.message(id, "st:" + id + ":" + phase + ":" + i);
			}
		}));
	}

	private static boolean awaitTexts(List<VisitorClient> visitors, int count, Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (System.nanoTime() < deadline) {
			if (visitors.stream()
				.allMatch((v) -> v.texts.keySet().stream().filter((t) -> t.startsWith("st:")).count() >= count)) {
				return true;
			}
			Bench.pause(100);
		}
		return false;
	}

}
