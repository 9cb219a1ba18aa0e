package dev.parley.core.message;

import java.util.List;

/**
 * A request to send, as the API or a TwiML answer states it: raw strings, validated by {@link MessageService}.
 * {@code direction} is {@code outbound-api} for the API and {@code outbound-reply} for answers to a handset.
 */
public record SendRequest(
        String accountSid,
        String to,
        String from,
        String messagingServiceSid,
        String body,
        List<String> mediaUrls,
        String statusCallback,
        String statusCallbackMethod,
        boolean smartEncoded,
        Direction direction) {

    public SendRequest {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    public static SendRequest reply(String accountSid, String to, String from, String body, List<String> media,
            String statusCallback, String statusCallbackMethod) {
        return new SendRequest(accountSid, to, from, null, body, media, statusCallback, statusCallbackMethod, false,
                Direction.OUTBOUND_REPLY);
    }
}
