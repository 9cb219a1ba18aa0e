package dev.parley.core.message;

import java.util.List;

/**
 * A request to send, as the API or a TwiML answer states it: raw strings, validated by {@link MessageService}.
 * {@code direction} is {@code outbound-api} for the API and {@code outbound-reply} for answers to a handset.
 * {@code scheduleType}/{@code sendAt} schedule the message (Twilio's {@code ScheduleType=fixed}); null
 * {@code validityPeriod} means the service's, or Twilio's default. {@code provideFeedback} is Twilio's
 * {@code ProvideFeedback}: the message gets a Feedback subresource. {@code content} is Twilio's {@code ContentSid} with
 * its {@code ContentVariables} (null for none): the message's body and media are then the template's, rendered
 * ({@link MessageTemplates}), and {@code body} and {@code mediaUrls} are not used.
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
        Direction direction,
        String scheduleType,
        String sendAt,
        Integer validityPeriod,
        boolean provideFeedback,
        MessageContent content) {

    public SendRequest {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    /** A request of its own body (no Content API template). */
    public SendRequest(String accountSid, String to, String from, String messagingServiceSid, String body,
            List<String> mediaUrls, String statusCallback, String statusCallbackMethod, boolean smartEncoded,
            Direction direction, String scheduleType, String sendAt, Integer validityPeriod, boolean provideFeedback) {
        this(accountSid, to, from, messagingServiceSid, body, mediaUrls, statusCallback, statusCallbackMethod,
                smartEncoded, direction, scheduleType, sendAt, validityPeriod, provideFeedback, null);
    }

    /** The same request created from a Content API template. */
    public SendRequest withContent(MessageContent template) {
        return new SendRequest(accountSid, to, from, messagingServiceSid, body, mediaUrls, statusCallback,
                statusCallbackMethod, smartEncoded, direction, scheduleType, sendAt, validityPeriod, provideFeedback,
                template);
    }

    /** The same request with the body and media its template rendered to. */
    SendRequest rendered(MessageTemplates.Rendered rendered) {
        return new SendRequest(accountSid, to, from, messagingServiceSid, rendered.body(), rendered.mediaUrls(),
                statusCallback, statusCallbackMethod, smartEncoded, direction, scheduleType, sendAt, validityPeriod,
                provideFeedback, content);
    }

    /** A request that asks for no message feedback. */
    public SendRequest(String accountSid, String to, String from, String messagingServiceSid, String body,
            List<String> mediaUrls, String statusCallback, String statusCallbackMethod, boolean smartEncoded,
            Direction direction, String scheduleType, String sendAt, Integer validityPeriod) {
        this(accountSid, to, from, messagingServiceSid, body, mediaUrls, statusCallback, statusCallbackMethod,
                smartEncoded, direction, scheduleType, sendAt, validityPeriod, false);
    }

    /** A request to send now, with the default validity period. */
    public SendRequest(String accountSid, String to, String from, String messagingServiceSid, String body,
            List<String> mediaUrls, String statusCallback, String statusCallbackMethod, boolean smartEncoded,
            Direction direction) {
        this(accountSid, to, from, messagingServiceSid, body, mediaUrls, statusCallback, statusCallbackMethod,
                smartEncoded, direction, null, null, null);
    }

    public static SendRequest reply(String accountSid, String to, String from, String body, List<String> media,
            String statusCallback, String statusCallbackMethod) {
        return new SendRequest(accountSid, to, from, null, body, media, statusCallback, statusCallbackMethod, false,
                Direction.OUTBOUND_REPLY);
    }
}
