package nl.uitweg.conversation;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much one side of a conversation may send. Set so that a frightened visitor typing
 * fast, or a counsellor pasting a few ready answers, never meets them, while a script
 * that floods does at once.
 *
 * @param visitorMessages messages a visitor session may send per
 * {@code visitorMessagesPeriod}: a token bucket that holds this many and refills evenly
 * over the period (30 per minute: a burst of 30, then one every 2 s)
 * @param visitorMessagesPeriod the period of {@code visitorMessages}
 * @param counsellorMessages messages a counsellor may send into one conversation per
 * {@code counsellorMessagesPeriod}
 * @param counsellorMessagesPeriod the period of {@code counsellorMessages}
 * @param maxMessagesPerSide messages each side may add to one conversation's log, checked
 * atomically in {@code append.lua}; the system's own events (assignment, requeue, end,
 * notices) are never refused, so a full conversation can still be handed on or ended
 * @param typingInterval typing signals of one side of a conversation are relayed at most
 * once per interval; the latest state sent within it follows at its end
 * @param typingBurst typing frames one side may send within one interval before it is
 * told, once per interval, that it sends too many
 */
@Validated
@ConfigurationProperties("uitweg.conversation.limits")
public record ConversationLimits(@DefaultValue("30") @Min(1) int visitorMessages,
		@DefaultValue("1m") Duration visitorMessagesPeriod, @DefaultValue("60") @Min(1) int counsellorMessages,
		@DefaultValue("1m") Duration counsellorMessagesPeriod, @DefaultValue("1000") @Min(1) int maxMessagesPerSide,
		@DefaultValue("1s") Duration typingInterval, @DefaultValue("5") @Min(1) int typingBurst) {
}
