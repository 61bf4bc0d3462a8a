package nl.uitweg.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import nl.uitweg.conversation.AppendResult;
import nl.uitweg.conversation.BlockResult;
import nl.uitweg.conversation.ConversationProperties;
import nl.uitweg.conversation.ConversationState;
import nl.uitweg.conversation.Conversations;
import nl.uitweg.conversation.Party;
import nl.uitweg.platform.StoreRetry;
import nl.uitweg.platform.Timers;

/**
 * The console frames about the conversations themselves: resume, messages, typing, acks,
 * the end and a block. Stateless; the connection carries the state.
 */
@Component
class ConsoleChat {

	private final Conversations conversations;

	private final Duration storeRetry;

	private final Timers timers;

	private final TypingRelay typingRelay;

	private final ResumeMeters resumes;

	ConsoleChat(Conversations conversations, ConversationProperties properties, Timers timers, TypingRelay typingRelay,
			ResumeMeters resumes) {
		this.resumes = resumes;
		this.typingRelay = typingRelay;
		this.conversations = conversations;
		this.storeRetry = properties.storeRetry();
		this.timers = timers;
	}

	/**
	 * Replays each listed conversation after its lastSeq; one bad entry does not stop the
	 * rest.
	 */
	Mono<Void> resume(CounsellorConnection connection, CounsellorFrame.Resume resume) {
		List<Mono<Void>> resumes = new ArrayList<>();
		for (CounsellorFrame.Resume.Entry entry : resume.conversations()) {
			String cid = entry.conversationId();
			resumes.add(this.conversations.state(cid)
				.filter((state) -> state.heldBy(connection.username()))
				.switchIfEmpty(Mono.error(() -> notYours(cid)))
				.doOnNext((state) -> {
					this.resumes.counsellor();
					connection.resumed(cid);
					connection.streams().follow(cid, entry.lastSeq());
				})
				.then()
				.onErrorResume(FrameException.class, (ex) -> {
					connection.out().send(ex.frame());
					return Mono.empty();
				}));
		}
		return Flux.concat(resumes).then();
	}

	/**
	 * Stored before it is acknowledged; a short Redis outage delays the {@code sent}, it
	 * does not fail it (the client message id makes a retry safe).
	 */
	Mono<Void> message(CounsellorConnection connection, CounsellorFrame.Message message) {
		String cid = message.conversationId();
		String clientMsgId = message.clientMsgId();
		return Mono.defer(() -> {
			connection.streams().expectEcho(clientMsgId);
			return StoreRetry.within(this.storeRetry, this.timers.scheduler(), this.conversations.append(cid,
					Party.COUNSELLOR, connection.username(), clientMsgId, message.text()));
		}).flatMap((result) -> {
			if (result instanceof AppendResult.Accepted accepted) {
				connection.out().send(new OutboundFrame.Sent(cid, clientMsgId, accepted.seq()));
				return Mono.<Void>empty();
			}
			connection.streams().forgetEcho(clientMsgId);
			if (result instanceof AppendResult.RateLimited limited) {
				return Mono.error(FrameException.sendingTooFast(limited.retryAfterSeconds()));
			}
			if (result instanceof AppendResult.Full) {
				return Mono.error(FrameException.about(cid, ErrorCodes.CONVERSATION_FULL,
						"This conversation cannot take more messages. End it; the visitor can start a new one."));
			}
			return Mono.error((result instanceof AppendResult.NotOpen)
					? FrameException.about(cid, ErrorCodes.CONVERSATION_NOT_ACTIVE, "This conversation is not open.")
					: notYours(cid));
		});
	}

	Mono<Void> typing(CounsellorConnection connection, CounsellorFrame.Typing typing) {
		String cid = typing.conversationId();
		return owned(connection, cid)
			.flatMap((state) -> this.typingRelay.typing(cid, Party.COUNSELLOR, typing.active()));
	}

	Mono<Void> ack(CounsellorConnection connection, CounsellorFrame.Ack ack) {
		String cid = ack.conversationId();
		return owned(connection, cid).flatMap((state) -> StoreRetry.within(this.storeRetry, this.timers.scheduler(),
				this.conversations.acknowledge(cid, Party.COUNSELLOR, ack.seq())));
	}

	Mono<Void> end(CounsellorConnection connection, String cid) {
		return owned(connection, cid).flatMap((state) -> this.conversations.end(cid, "counsellor_ended")).then();
	}

	/**
	 * Ends the conversation and blocks its visitor for a while (session and address
	 * hash).
	 */
	Mono<Void> block(CounsellorConnection connection, String cid) {
		return this.conversations.block(cid, connection.username()).flatMap((result) -> {
			if (result instanceof BlockResult.Blocked) {
				return Mono.<Void>empty();
			}
			return Mono.<Void>error((result instanceof BlockResult.NotActive) ? FrameException.about(cid,
					ErrorCodes.CONVERSATION_NOT_ACTIVE, "Only an open conversation can be blocked.") : notYours(cid));
		});
	}

	/** The conversation, if it is open and this counsellor's; otherwise an error. */
	private Mono<ConversationState> owned(CounsellorConnection connection, String cid) {
		return this.conversations.state(cid)
			.filter((state) -> state.heldBy(connection.username()))
			.switchIfEmpty(Mono.error(() -> notYours(cid)))
			.filter(ConversationState::open)
			.switchIfEmpty(Mono
				.error(() -> FrameException.about(cid, ErrorCodes.CONVERSATION_ENDED, "This conversation has ended.")));
	}

	static FrameException notYours(String cid) {
		return FrameException.about(cid, ErrorCodes.NOT_YOUR_CONVERSATION, "This conversation is not assigned to you.");
	}

}
