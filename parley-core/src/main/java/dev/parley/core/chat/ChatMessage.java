package dev.parley.core.chat;

import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.receipt.DeliverySummary;
import java.util.List;

/**
 * A conversation message as a chat client sees it: the message, the id its sender gave it (null when none), its
 * delivery summary (null when no SMS/WhatsApp participant was sent it) and its media, in the message's order.
 */
public record ChatMessage(ConversationMessage message, String clientMessageId, DeliverySummary delivery,
        List<ConversationMedia> media) {

    public ChatMessage {
        media = media == null ? List.of() : List.copyOf(media);
    }
}
