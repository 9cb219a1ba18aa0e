package dev.parley.core.chat;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.participant.Participant;

/**
 * A conversation as one chat identity sees it: the conversation, the identity's own participant in it, its unread
 * count (null until the participant has a read horizon) and the index of the conversation's last message (null when
 * it has none).
 */
public record ChatConversation(Conversation conversation, Participant participant, Long unreadMessagesCount,
        Long lastMessageIndex) {
}
