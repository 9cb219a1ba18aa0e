package dev.parley.core.inbound;

import java.util.List;

/**
 * A message a channel received from a handset, addressed to one of the installation's numbers. {@code from} and
 * {@code to} are addresses as Twilio writes them ({@code +1…} or {@code whatsapp:+1…}); {@code profileName} is the
 * sender's WhatsApp profile name (null for SMS, or when the channel does not know it). {@code groupRecipients} are
 * the other recipients of a group MMS (empty for a one-to-one message): the message was sent to all of them and
 * {@code to} at once.
 */
public record InboundMessage(String channel, String from, String to, String body, List<String> mediaUrls,
        String profileName, List<String> groupRecipients) {
    public InboundMessage {
        body = body == null ? "" : body;
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
        groupRecipients = groupRecipients == null ? List.of() : List.copyOf(groupRecipients);
    }

    public InboundMessage(String channel, String from, String to, String body, List<String> mediaUrls,
            String profileName) {
        this(channel, from, to, body, mediaUrls, profileName, List.of());
    }

    public InboundMessage(String channel, String from, String to, String body, List<String> mediaUrls) {
        this(channel, from, to, body, mediaUrls, null);
    }
}
