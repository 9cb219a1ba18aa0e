package dev.parley.http.chat;

import dev.parley.core.chat.ChatConversation;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatMessage;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.user.UserConversation;
import java.util.List;

/**
 * What a reply shows of what the actions returned: a message with its client message id, delivery summary and media;
 * a conversation as the identity sees it. Reads the store; the server wires it.
 */
public interface ChatViews {

    List<ChatMessage> messages(ChatIdentity who, List<ConversationMessage> messages);

    List<ChatConversation> conversations(ChatIdentity who, List<UserConversation> conversations);

    ChatConversation conversation(ChatIdentity who, Conversation conversation);

    default ChatMessage message(ChatIdentity who, ConversationMessage message) {
        return messages(who, List.of(message)).getFirst();
    }
}
