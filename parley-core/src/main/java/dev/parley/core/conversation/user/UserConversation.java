package dev.parley.core.conversation.user;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.participant.Participant;
/**
 * One conversation as seen by one of its participants: the participant, its user (null for an SMS/WhatsApp
 * address), the conversation, the participant's unread message count (null until it has a read horizon) and its
 * notification level ({@code default} or {@code muted}).
 */
public record UserConversation(Participant participant, ConversationUser user, Conversation conversation,
        Long unreadMessagesCount, String notificationLevel) {
}
