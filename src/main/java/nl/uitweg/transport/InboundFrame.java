package nl.uitweg.transport;

import org.jspecify.annotations.Nullable;

/**
 * What every inbound frame can say about itself, so an error about it can name it even
 * when its handling fails deep down.
 */
interface InboundFrame {

	default @Nullable String conversationId() {
		return null;
	}

	default @Nullable String clientMsgId() {
		return null;
	}

}
