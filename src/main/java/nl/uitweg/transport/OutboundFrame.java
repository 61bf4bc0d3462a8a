package nl.uitweg.transport;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

import nl.uitweg.conversation.ConversationEvent;
import nl.uitweg.conversation.Intake;

/**
 * Every frame the server sends, on either endpoint, as a record. {@link Outbound} writes
 * them: the record's type name becomes {@code type}, and absent (null) fields are left
 * out. The shapes are those of docs/protocol.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
sealed interface OutboundFrame {

	/**
	 * A refused frame, naming it where it can: its conversation and client message id;
	 * after a limit also when it may be sent again.
	 */
	@JsonTypeName("error")
	record Error(String code, String message, @Nullable String conversationId, @Nullable String clientMsgId,
			@Nullable Long retryAfterSeconds) implements OutboundFrame {

		Error(String code, String message, @Nullable String conversationId, @Nullable String clientMsgId) {
			this(code, message, conversationId, clientMsgId, null);
		}

	}

	@JsonTypeName("sent")
	record Sent(@Nullable String conversationId, String clientMsgId, long seq) implements OutboundFrame {
	}

	@JsonTypeName("message")
	record Message(@Nullable String conversationId, long seq, @Nullable String from, @Nullable String text,
			@Nullable String sentAt) implements OutboundFrame {
	}

	@JsonTypeName("typing")
	record Typing(@Nullable String conversationId, @Nullable String from, boolean active) implements OutboundFrame {
	}

	@JsonTypeName("ended")
	record Ended(@Nullable String conversationId, @Nullable Long seq,
			@Nullable String reason) implements OutboundFrame {
	}

	/** A sequenced event with no message to show (so a client's seq has no gap). */
	@JsonTypeName("event")
	record Event(@Nullable String conversationId, long seq, String event, @Nullable String reason,
			@Nullable String sentAt) implements OutboundFrame {
	}

	/** To the visitor with seq and counsellor; to the console with the id alone. */
	@JsonTypeName("assigned")
	record Assigned(@Nullable String conversationId, @Nullable Long seq,
			ConversationEvent.@Nullable Counsellor counsellor) implements OutboundFrame {

		static Assigned toConsole(String conversationId) {
			return new Assigned(conversationId, null, null);
		}

	}

	@JsonTypeName("welcome")
	record VisitorWelcome(String state, @Nullable String conversationId,
			ConversationEvent.@Nullable Counsellor counsellor) implements OutboundFrame {
	}

	/**
	 * No conversation can start now. {@code reason} is {@code full} (with
	 * {@code retryAfterSeconds}) when the queue is at its maximum length, and absent
	 * otherwise, so a block looks like any other closed helpline.
	 */
	@JsonTypeName("closed")
	record Closed(@Nullable String nextOpening, List<Alternative> alternatives, @Nullable String reason,
			@Nullable Long retryAfterSeconds) implements OutboundFrame {

		record Alternative(String name, String when) {
		}

	}

	@JsonTypeName("queued")
	record Queued(String conversationId, int position, long estimatedWaitSeconds) implements OutboundFrame {
	}

	@JsonTypeName("welcome")
	record ConsoleWelcome(Me counsellor, List<ConsoleConversation> conversations) implements OutboundFrame {

		record Me(String username, String displayName, int capacity, String status, int load) {
		}

		record ConsoleConversation(String conversationId, String state, long lastSeq, Intake intake) {
		}

	}

	@JsonTypeName("offer")
	record Offer(String conversationId, @Nullable Intake intake, long waitedSeconds,
			@Nullable String transferFrom) implements OutboundFrame {
	}

	@JsonTypeName("availability")
	record Availability(String status, @Nullable Integer capacity, @Nullable Integer load,
			@Nullable String reason) implements OutboundFrame {
	}

	@JsonTypeName("queue")
	record QueueAlert(int waiting, long longestWaitSeconds) implements OutboundFrame {
	}

	@JsonTypeName("transfer_requested")
	record TransferRequested(String conversationId, String to) implements OutboundFrame {
	}

	@JsonTypeName("transferred")
	record Transferred(String conversationId, String to) implements OutboundFrame {
	}

	@JsonTypeName("transfer_declined")
	record TransferDeclined(String conversationId, String by, @Nullable String reason) implements OutboundFrame {
	}

	@JsonTypeName("offer_withdrawn")
	record OfferWithdrawn(String conversationId, String reason) implements OutboundFrame {
	}

}
