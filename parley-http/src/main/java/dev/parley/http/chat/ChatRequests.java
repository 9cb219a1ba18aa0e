package dev.parley.http.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.chat.ChatActions;
import dev.parley.core.chat.ChatFrames;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatReads;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.paging.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of an authenticated connection, each read from its frame, done through {@link ChatActions} and
 * answered with its reply frame ({@link ChatFrames}). A frame the protocol cannot read throws
 * {@link ChatJson.BadFrame}; a refusal of the actions ({@code ApiException}) reaches the connection unchanged.
 */
final class ChatRequests implements ChatSocket.Requests {
    static final int DEFAULT_PAGE_SIZE = 30;
    static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_CLIENT_MESSAGE_ID = 64;
    private static final int MAX_MEDIA = 10;
    private final ChatActions actions;
    private final ChatReads reads;

    ChatRequests(ChatActions actions, ChatReads reads) {
        this.actions = actions;
        this.reads = reads;
    }

    @Override
    public String handle(ChatIdentity who, String type, String id, ObjectNode frame) {
        return switch (type) {
            case "conversations" -> ChatFrames.conversations(id,
                    reads.conversations(actions.conversations(who)));
            case "participants" -> participants(who, id, frame);
            case "history" -> history(who, id, frame);
            case "send" -> send(who, id, frame);
            case "edit" -> edit(who, id, frame);
            case "delete" -> delete(who, id, frame);
            case "read" -> read(who, id, frame);
            case "typing" -> {
                actions.typing(who, conversation(frame));
                yield null;
            }
            case "start" -> start(who, id, frame);
            default -> throw new ChatJson.BadFrame("unknown type " + ChatJson.shortText(frame.get("type")));
        };
    }

    private String participants(ChatIdentity who, String id, ObjectNode frame) {
        String conversationSid = conversation(frame);
        List<Participant> participants = actions.participants(who, conversationSid);
        return ChatFrames.participants(id, conversationSid, participants);
    }

    private String history(ChatIdentity who, String id, ObjectNode frame) {
        String conversationSid = conversation(frame);
        Long before = ChatJson.optionalIndex(frame, "before");
        int pageSize = pageSize(frame.get("page_size"));
        Page<ConversationMessage> page = actions.history(who, conversationSid, before, pageSize);
        return ChatFrames.history(id, conversationSid, reads.messages(who.accountSid(), page.items()), hasOlder(page));
    }

    /** Whether messages older than the page remain: the page links to them. */
    private static boolean hasOlder(Page<ConversationMessage> page) {
        return page.previous() != null;
    }

    private static int pageSize(JsonNode value) {
        if (value == null || value.isNull()) {
            return DEFAULT_PAGE_SIZE;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > MAX_PAGE_SIZE) {
            throw new ChatJson.BadFrame("page_size must be an integer from 1 to " + MAX_PAGE_SIZE);
        }
        return value.asInt();
    }

    private String send(ChatIdentity who, String id, ObjectNode frame) {
        String conversationSid = conversation(frame);
        String clientMessageId = ChatJson.optionalText(frame, "client_message_id");
        if (clientMessageId != null && (clientMessageId.isEmpty() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID)) {
            throw new ChatJson.BadFrame("client_message_id must be 1 to " + MAX_CLIENT_MESSAGE_ID + " characters");
        }
        String body = ChatJson.optionalText(frame, "body");
        String attributes = ChatJson.optionalText(frame, "attributes");
        List<String> media = media(frame.get("media_sids"));
        if ((body == null || body.isEmpty()) && media.isEmpty()) {
            throw new ChatJson.BadFrame("send needs a body or media_sids");
        }
        ConversationMessage sent = actions.send(who, conversationSid, clientMessageId, body, attributes, media);
        return ChatFrames.sent(id, clientMessageId, reads.message(sent));
    }

    private static List<String> media(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_MEDIA) {
            throw new ChatJson.BadFrame("media_sids must be a list of at most " + MAX_MEDIA + " media SIDs (ME...)");
        }
        List<String> sids = new ArrayList<>();
        for (JsonNode sid : value) {
            if (!sid.isTextual() || !sid.textValue().startsWith("ME")) {
                throw new ChatJson.BadFrame("media_sids must be a list of media SIDs (ME...)");
            }
            sids.add(sid.textValue());
        }
        return sids;
    }

    private String edit(ChatIdentity who, String id, ObjectNode frame) {
        String conversationSid = conversation(frame);
        String messageSid = ChatJson.requiredText(frame, "message_sid");
        String body = ChatJson.optionalText(frame, "body");
        String attributes = ChatJson.optionalText(frame, "attributes");
        if (body == null && attributes == null) {
            throw new ChatJson.BadFrame("edit needs a body or attributes");
        }
        ConversationMessage edited = actions.edit(who, conversationSid, messageSid, body, attributes);
        return ChatFrames.edited(id, reads.message(edited));
    }

    private String delete(ChatIdentity who, String id, ObjectNode frame) {
        String conversationSid = conversation(frame);
        String messageSid = ChatJson.requiredText(frame, "message_sid");
        actions.delete(who, conversationSid, messageSid);
        return ChatFrames.deleted(id, messageSid);
    }

    private String read(ChatIdentity who, String id, ObjectNode frame) {
        String conversationSid = conversation(frame);
        long index = ChatJson.requiredIndex(frame, "index");
        Participant participant = actions.read(who, conversationSid, index);
        return ChatFrames.readAck(id, conversationSid, participant.lastReadMessageIndex());
    }

    private String start(ChatIdentity who, String id, ObjectNode frame) {
        String address = ChatJson.requiredText(frame, "address");
        String body = ChatJson.optionalText(frame, "body");
        Conversation started = actions.start(who, address, body);
        return ChatFrames.started(id, reads.conversation(who, started));
    }

    private static String conversation(ObjectNode frame) {
        return ChatJson.requiredText(frame, "conversation_sid");
    }
}
