package dev.parley.core.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import dev.parley.core.conversation.receipt.DeliverySummary;
import dev.parley.core.error.ApiException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON text of every frame the server sends a web-chat client (protocol version 1, {@code docs/chat-protocol.md}):
 * the replies to requests, the live events, and the objects inside them. Objects are snake_case with every field
 * present (null when unset) and ISO-8601 UTC dates to the second, as Twilio's v1 APIs write them. A reply's
 * {@code id} is the request's, null when the request had none. Pure functions: the caller reads what a frame shows.
 */
public final class ChatFrames {
    /** The protocol version these frames belong to. */
    public static final int PROTOCOL = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private ChatFrames() {
    }

    // Replies to requests.

    /** The answer to {@code authenticate}. */
    public static String authenticated(ChatIdentity who) {
        ObjectNode f = frame("authenticated");
        f.put("protocol", PROTOCOL);
        f.put("identity", who.identity());
        f.put("account_sid", who.accountSid());
        f.put("chat_service_sid", who.chatServiceSid());
        f.put("expires_at", iso(who.expiresAt()));
        return text(f);
    }

    public static String conversations(String id, List<ChatConversation> conversations) {
        ObjectNode f = reply("conversations", id);
        ArrayNode list = f.putArray("conversations");
        conversations.forEach(c -> list.add(conversation(c)));
        return text(f);
    }

    public static String participants(String id, String conversationSid, List<Participant> participants) {
        ObjectNode f = reply("participants", id);
        f.put("conversation_sid", conversationSid);
        ArrayNode list = f.putArray("participants");
        participants.forEach(p -> list.add(participant(p)));
        return text(f);
    }

    /** A page of history: {@code messages} in ascending index order; {@code hasMore}: older messages remain. */
    public static String history(String id, String conversationSid, List<ChatMessage> messages, boolean hasMore) {
        ObjectNode f = reply("history", id);
        f.put("conversation_sid", conversationSid);
        ArrayNode list = f.putArray("messages");
        messages.forEach(m -> list.add(message(m)));
        f.put("has_more", hasMore);
        return text(f);
    }

    public static String sent(String id, String clientMessageId, ChatMessage message) {
        ObjectNode f = reply("sent", id);
        f.put("client_message_id", clientMessageId);
        f.set("message", message(message));
        return text(f);
    }

    public static String edited(String id, ChatMessage message) {
        ObjectNode f = reply("edited", id);
        f.set("message", message(message));
        return text(f);
    }

    public static String deleted(String id, String messageSid) {
        ObjectNode f = reply("deleted", id);
        f.put("message_sid", messageSid);
        return text(f);
    }

    public static String readAck(String id, String conversationSid, Long lastReadMessageIndex) {
        ObjectNode f = reply("read_ack", id);
        f.put("conversation_sid", conversationSid);
        f.put("last_read_message_index", lastReadMessageIndex);
        return text(f);
    }

    public static String started(String id, ChatConversation conversation) {
        ObjectNode f = reply("started", id);
        f.set("conversation", conversation(conversation));
        return text(f);
    }

    public static String refreshed(String id, Instant expiresAt) {
        ObjectNode f = reply("refreshed", id);
        f.put("expires_at", iso(expiresAt));
        return text(f);
    }

    public static String pong(String id) {
        return text(reply("pong", id));
    }

    /** A refused request: Twilio's {@code code}, a sentence, and the HTTP status the REST API would answer. */
    public static String error(String id, int code, String message, int status) {
        ObjectNode f = reply("error", id);
        f.put("code", code);
        f.put("message", message);
        f.put("status", status);
        return text(f);
    }

    /** A refused request, from the exception the actions threw. */
    public static String error(String id, ApiException e) {
        return error(id, e.code(), e.getMessage(), e.httpStatus());
    }

    /** Sent three minutes before the token expires. */
    public static String tokenExpiring(Instant expiresAt) {
        ObjectNode f = frame("token_expiring");
        f.put("expires_at", iso(expiresAt));
        return text(f);
    }

    // Live events.

    /** A new message: {@code message}. */
    public static String messageAdded(ChatMessage message) {
        ObjectNode f = event("message", message.message().conversationSid());
        f.set("message", message(message));
        return text(f);
    }

    /** An edited message (or one whose media or delivery summary changed): {@code message_updated}. */
    public static String messageUpdated(ChatMessage message) {
        ObjectNode f = event("message_updated", message.message().conversationSid());
        f.set("message", message(message));
        return text(f);
    }

    public static String messageRemoved(String conversationSid, String messageSid, long index) {
        ObjectNode f = event("message_removed", conversationSid);
        f.put("message_sid", messageSid);
        f.put("index", index);
        return text(f);
    }

    /** A delivery receipt moved; {@code summary} is the message's delivery summary after it (null when none). */
    public static String delivery(DeliveryReceipt receipt, DeliverySummary summary) {
        ObjectNode f = event("delivery", receipt.conversationSid());
        f.put("message_sid", receipt.messageSid());
        f.put("participant_sid", receipt.participantSid());
        f.put("status", receipt.status() == null ? null : receipt.status().wire());
        f.put("error_code", receipt.errorCode());
        f.set("delivery", delivery(summary));
        return text(f);
    }

    /**
     * {@code participant_joined}; {@code conversation} is the connection's own view of the conversation when the
     * participant is its identity (a conversation it now takes part in), else null and left out.
     */
    public static String participantJoined(Participant participant, ChatConversation conversation) {
        ObjectNode f = event("participant_joined", participant.conversationSid());
        f.set("participant", participant(participant));
        if (conversation != null) {
            f.set("conversation", conversation(conversation));
        }
        return text(f);
    }

    public static String participantUpdated(Participant participant) {
        ObjectNode f = event("participant_updated", participant.conversationSid());
        f.set("participant", participant(participant));
        return text(f);
    }

    public static String participantLeft(String conversationSid, String participantSid, String identity) {
        ObjectNode f = event("participant_left", conversationSid);
        f.put("participant_sid", participantSid);
        f.put("identity", identity);
        return text(f);
    }

    /** A participant's read horizon moved. */
    public static String read(Participant participant) {
        ObjectNode f = event("read", participant.conversationSid());
        f.put("participant_sid", participant.sid());
        f.put("identity", participant.identity());
        f.put("last_read_message_index", participant.lastReadMessageIndex());
        return text(f);
    }

    public static String typing(String conversationSid, String participantSid, String identity) {
        ObjectNode f = event("typing", conversationSid);
        f.put("participant_sid", participantSid);
        f.put("identity", identity);
        return text(f);
    }

    public static String conversationUpdated(ChatConversation conversation) {
        ObjectNode f = event("conversation_updated", conversation.conversation().sid());
        f.set("conversation", conversation(conversation));
        return text(f);
    }

    public static String conversationRemoved(String conversationSid) {
        return text(event("conversation_removed", conversationSid));
    }

    // Objects.

    static ObjectNode message(ChatMessage view) {
        ConversationMessage m = view.message();
        ObjectNode j = NODES.objectNode();
        j.put("sid", m.sid());
        j.put("index", m.index());
        j.put("conversation_sid", m.conversationSid());
        j.put("author", m.author());
        j.put("participant_sid", m.participantSid());
        j.put("body", m.body());
        j.put("attributes", m.attributes());
        ArrayNode media = j.putArray("media");
        for (ConversationMedia d : view.media()) {
            ObjectNode o = media.addObject();
            o.put("sid", d.sid());
            o.put("content_type", d.contentType());
            o.put("filename", d.filename());
            o.put("size", d.size());
        }
        j.put("date_created", iso(m.dateCreated()));
        j.put("date_updated", iso(m.dateUpdated()));
        j.put("client_message_id", view.clientMessageId());
        j.set("delivery", delivery(view.delivery()));
        return j;
    }

    static ObjectNode participant(Participant p) {
        ObjectNode j = NODES.objectNode();
        j.put("sid", p.sid());
        j.put("identity", p.identity());
        String type = p.binding().type();
        j.put("channel", type == null ? "chat" : type);
        j.put("address", p.binding().address());
        j.put("role_sid", p.roleSid());
        j.put("attributes", p.attributes());
        j.put("last_read_message_index", p.lastReadMessageIndex());
        j.put("date_created", iso(p.dateCreated()));
        j.put("date_updated", iso(p.dateUpdated()));
        return j;
    }

    static ObjectNode conversation(ChatConversation view) {
        Conversation c = view.conversation();
        Participant own = view.participant();
        ObjectNode j = NODES.objectNode();
        j.put("sid", c.sid());
        j.put("chat_service_sid", c.chatServiceSid());
        j.put("unique_name", c.uniqueName());
        j.put("friendly_name", c.friendlyName());
        j.put("attributes", c.attributes());
        j.put("state", c.state().wire());
        j.put("date_created", iso(c.dateCreated()));
        j.put("date_updated", iso(c.dateUpdated()));
        j.put("participant_sid", own == null ? null : own.sid());
        j.put("last_read_message_index", own == null ? null : own.lastReadMessageIndex());
        j.put("unread_messages_count", view.unreadMessagesCount());
        j.put("last_message_index", view.lastMessageIndex());
        return j;
    }

    private static ObjectNode delivery(DeliverySummary d) {
        if (d == null) {
            return null;
        }
        ObjectNode j = NODES.objectNode();
        j.put("total", d.total());
        j.put("sent", d.sent());
        j.put("delivered", d.delivered());
        j.put("read", d.read());
        j.put("failed", d.failed());
        j.put("undelivered", d.undelivered());
        return j;
    }

    private static ObjectNode frame(String type) {
        ObjectNode f = NODES.objectNode();
        f.put("type", type);
        return f;
    }

    private static ObjectNode reply(String type, String id) {
        ObjectNode f = frame(type);
        f.put("id", id);
        return f;
    }

    private static ObjectNode event(String type, String conversationSid) {
        ObjectNode f = frame(type);
        f.put("conversation_sid", conversationSid);
        return f;
    }

    static String iso(Instant t) {
        return t == null ? null : ISO.format(t);
    }

    private static String text(ObjectNode frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
