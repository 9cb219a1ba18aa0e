package dev.parley.core.chat;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.user.UserConversation;
import dev.parley.core.paging.Page;
import java.util.List;

/**
 * What a web-chat identity does over its connection, each action checked against its membership and its role.
 */
public final class ChatActions {

    public ChatActions() {
    }

    public ChatIdentity authenticate(String token) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<UserConversation> conversations(ChatIdentity who) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<Participant> participants(ChatIdentity who, String conversationSid) {
        throw new UnsupportedOperationException("not yet");
    }

    public Page<ConversationMessage> history(ChatIdentity who, String conversationSid, Long beforeIndex,
            int pageSize) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<ConversationMessage> since(ChatIdentity who, String conversationSid, long afterIndex, int max) {
        throw new UnsupportedOperationException("not yet");
    }

    public ConversationMessage send(ChatIdentity who, String conversationSid, String clientMessageId, String body,
            String attributes, List<String> mediaSids) {
        throw new UnsupportedOperationException("not yet");
    }

    public ConversationMessage edit(ChatIdentity who, String conversationSid, String messageSid, String body,
            String attributes) {
        throw new UnsupportedOperationException("not yet");
    }

    public void delete(ChatIdentity who, String conversationSid, String messageSid) {
        throw new UnsupportedOperationException("not yet");
    }

    public Participant read(ChatIdentity who, String conversationSid, long index) {
        throw new UnsupportedOperationException("not yet");
    }

    public void typing(ChatIdentity who, String conversationSid) {
        throw new UnsupportedOperationException("not yet");
    }

    public Conversation start(ChatIdentity who, String address, String body) {
        throw new UnsupportedOperationException("not yet");
    }
}
