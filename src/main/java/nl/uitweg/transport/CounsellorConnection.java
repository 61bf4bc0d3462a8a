package nl.uitweg.transport;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;

import nl.uitweg.counsellor.StaffAccount;
import nl.uitweg.presence.Presence;

/**
 * One counsellor console connection, as a small state machine: opened (welcome, notices,
 * queue alerts), then frames go to {@link ConsoleRouting} (availability, offers,
 * handovers) or {@link ConsoleChat} (the conversations themselves), then closed. Several
 * conversations at once, each followed by its own stream in {@link ConsoleStreams}.
 */
final class CounsellorConnection {

	private static final Logger log = LoggerFactory.getLogger(CounsellorConnection.class);

	private final ConsoleRouting routing;

	private final ConsoleChat chat;

	private final FrameParser parser;

	private final Outbound out;

	private final StaffAccount account;

	private final String connectionId = UUID.randomUUID().toString();

	private final ConnectionTasks tasks;

	private final ConsoleStreams streams;

	/** Conversations open at connect time, waiting for the console's resume. */
	private final Map<String, Long> awaitingResume = new ConcurrentHashMap<>();

	private volatile Presence.@Nullable Tracked presence;

	/**
	 * The staff web session the console was opened with, when known; kept in memory only.
	 */
	private volatile @Nullable String sessionId;

	CounsellorConnection(ConsoleRouting routing, ConsoleChat chat, FrameParser parser, Outbound out,
			StaffAccount account, ConsoleStreams.Factory streams) {
		this.routing = routing;
		this.chat = chat;
		this.parser = parser;
		this.out = out;
		this.account = account;
		this.tasks = new ConnectionTasks("Console of " + account.username());
		this.streams = streams.create(out, account.username(), this.tasks);
	}

	Mono<Void> onText(String text) {
		return Mono.defer(() -> {
			CounsellorFrame frame = this.parser.counsellor(text);
			return FrameErrors.answered(Mono.defer(() -> handle(frame)), frame, null, this.out, log,
					"Console of " + username());
		}).onErrorResume(FrameException.class, (ex) -> {
			this.out.error(ex);
			return Mono.empty();
		});
	}

	private Mono<Void> handle(CounsellorFrame frame) {
		// Java 17 has no pattern switch; the parser makes only these records.
		if (frame instanceof CounsellorFrame.SetAvailability set) {
			return this.routing.availability(this, set.status());
		}
		if (frame instanceof CounsellorFrame.Accept accept) {
			return this.routing.accept(this, accept.conversationId());
		}
		if (frame instanceof CounsellorFrame.Decline decline) {
			return this.routing.decline(this, decline.conversationId());
		}
		if (frame instanceof CounsellorFrame.Transfer transfer) {
			return this.routing.transfer(this, transfer);
		}
		if (frame instanceof CounsellorFrame.TakeNext) {
			return this.routing.takeNext(this);
		}
		if (frame instanceof CounsellorFrame.Resume resume) {
			return this.chat.resume(this, resume);
		}
		if (frame instanceof CounsellorFrame.Message message) {
			return this.chat.message(this, message);
		}
		if (frame instanceof CounsellorFrame.Typing typing) {
			return this.chat.typing(this, typing);
		}
		if (frame instanceof CounsellorFrame.Ack ack) {
			return this.chat.ack(this, ack);
		}
		if (frame instanceof CounsellorFrame.End end) {
			return this.chat.end(this, end.conversationId());
		}
		return this.chat.block(this, ((CounsellorFrame.Block) frame).conversationId());
	}

	void unsupported() {
		this.out.error(new FrameException(ErrorCodes.UNSUPPORTED_FRAME, "Only text frames are understood."));
	}

	Flux<String> outbound() {
		return this.out.frames();
	}

	String username() {
		return this.account.username();
	}

	StaffAccount account() {
		return this.account;
	}

	String connectionId() {
		return this.connectionId;
	}

	Outbound out() {
		return this.out;
	}

	ConnectionTasks tasks() {
		return this.tasks;
	}

	ConsoleStreams streams() {
		return this.streams;
	}

	void openedWith(String sessionId) {
		this.sessionId = sessionId;
	}

	@Nullable String sessionId() {
		return this.sessionId;
	}

	/**
	 * Asks the socket handler to close the console with {@link ConsoleSession#SIGNED_OUT}
	 * (a logout, a disabled account, a new password).
	 */
	void signedOut(String reason) {
		log.info("Closing a console of {}: {}", username(), reason);
		this.out.close(new CloseStatus(ConsoleSession.SIGNED_OUT, reason));
	}

	void registered(Presence.Tracked tracked) {
		this.presence = tracked;
	}

	void awaitResume(String conversationId, long acknowledged) {
		this.awaitingResume.put(conversationId, acknowledged);
	}

	void resumed(String conversationId) {
		this.awaitingResume.remove(conversationId);
	}

	/** No resume came: replay each waiting conversation after what was acknowledged. */
	void resumeFallback() {
		for (String cid : List.copyOf(this.awaitingResume.keySet())) {
			Long acknowledged = this.awaitingResume.remove(cid);
			if (acknowledged != null) {
				this.streams.follow(cid, acknowledged);
			}
		}
	}

	/**
	 * Stops everything the connection runs; returns the presence it held, if it
	 * registered one.
	 */
	Presence.@Nullable Tracked close() {
		this.tasks.cancelAll();
		this.streams.closeAll();
		this.out.complete();
		return this.presence;
	}

}
