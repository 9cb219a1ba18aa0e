package dev.parley.core.inbound;

import java.util.List;
import java.util.Map;

/**
 * A message a channel received from a handset, addressed to one of the installation's numbers. {@code from} and
 * {@code to} are addresses as Twilio writes them ({@code +1…} or {@code whatsapp:+1…}); {@code profileName} is the
 * sender's WhatsApp profile name (null for SMS, or when the channel does not know it). {@code groupRecipients} are
 * the other recipients of a group MMS (empty for a one-to-one message): the message was sent to all of them and
 * {@code to} at once. {@code providerId} is the provider's id of the message (WhatsApp's {@code wamid…}), stored with
 * it so that a provider's repeated webhook finds it ({@code MessageStore.findByProviderId}); null when the channel has
 * none. {@code parameters} are what Twilio adds to the incoming-message webhook for such a message beyond the common
 * ones (a WhatsApp reply's {@code OriginalRepliedMessageSid}, a button's {@code ButtonText}…).
 */
public record InboundMessage(String channel, String from, String to, String body, List<String> mediaUrls,
        String profileName, List<String> groupRecipients, String providerId, Map<String, String> parameters) {
    public InboundMessage {
        body = body == null ? "" : body;
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
        groupRecipients = groupRecipients == null ? List.of() : List.copyOf(groupRecipients);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public InboundMessage(String channel, String from, String to, String body, List<String> mediaUrls,
            String profileName, List<String> groupRecipients) {
        this(channel, from, to, body, mediaUrls, profileName, groupRecipients, null, Map.of());
    }

    public InboundMessage(String channel, String from, String to, String body, List<String> mediaUrls,
            String profileName) {
        this(channel, from, to, body, mediaUrls, profileName, List.of());
    }

    public InboundMessage(String channel, String from, String to, String body, List<String> mediaUrls) {
        this(channel, from, to, body, mediaUrls, null);
    }
}
