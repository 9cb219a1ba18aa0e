package dev.parley.core.conversation.participant;

import java.time.Instant;

/**
 * A participant ({@code MB} SID) of a conversation: a chat {@code identity}, or a messaging {@link Binding}
 * (an SMS or WhatsApp address and the account's proxy address it talks to).
 */
public record Participant(String sid, String accountSid, String conversationSid, String chatServiceSid,
        String identity, Binding binding, String attributes, String roleSid, Long lastReadMessageIndex,
        String lastReadTimestamp, Instant dateCreated, Instant dateUpdated) {

    /**
     * {@code address}/{@code proxyAddress} for an SMS or WhatsApp participant ({@code whatsapp:} prefix on both);
     * {@code address} alone for a handset of a group text; {@code projectedAddress} for a chat participant of a group
     * text, or alone for a number that stands in the group by itself. Null fields are unset.
     */
    public record Binding(String address, String proxyAddress, String projectedAddress) {
        public static final Binding NONE = new Binding(null, null, null);

        /** {@code sms}, {@code whatsapp}, or null for a chat participant. */
        public String type() {
            if (address == null) {
                return null;
            }
            return address.startsWith("whatsapp:") ? "whatsapp" : "sms";
        }
    }

    /** This participant with its read horizon at {@code index} (read at {@code timestamp}), updated at {@code at}. */
    public Participant withReadHorizon(Long index, String timestamp, Instant at) {
        return new Participant(sid, accountSid, conversationSid, chatServiceSid, identity, binding, attributes, roleSid,
                index, timestamp, dateCreated, at);
    }

    /** Whether messages reach this participant through the Messaging layer. */
    public boolean messaging() {
        return binding.address() != null;
    }

    /**
     * The author name of this participant's messages: its identity, else its address, else (a projected address
     * alone in a group text) its projected address.
     */
    public String author() {
        return identity != null ? identity : binding.address() != null ? binding.address()
                : binding.projectedAddress();
    }
}
