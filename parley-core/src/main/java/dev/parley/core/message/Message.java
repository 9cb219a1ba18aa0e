package dev.parley.core.message;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A message, inbound or outbound, as stored. Addresses are kept as the caller wrote them in E.164 form
 * (later with a channel prefix such as {@code whatsapp:}). {@code price} is negative for charges, as
 * Twilio writes it, and null until known. {@code groupRecipients} are the other recipients of a group MMS (ADR 0018):
 * the message goes to {@code to}, and the handset shows one thread with {@code from}, {@code to} and them; empty for
 * a one-to-one message. {@code provideFeedback} is Twilio's {@code ProvideFeedback=true} on create: the message then
 * has a Feedback subresource. {@code numMedia} is Twilio's {@code num_media}: how many Media resources the message has now
 * (stored by the media jobs), not how many {@code MediaUrl}s it was given — 0 when an outbound MMS is created, the
 * count once its media are fetched, as on Twilio; {@link #mediaUrls} are what was asked for. {@code content} is the
 * Content API template the message was created from ({@code ContentSid}, {@code ContentVariables}); null for a
 * message of its own body.
 */
public record Message(
        String sid,
        String accountSid,
        String messagingServiceSid,
        String from,
        String to,
        String body,
        List<String> mediaUrls,
        int numSegments,
        Direction direction,
        MessageStatus status,
        Integer errorCode,
        String errorMessage,
        BigDecimal price,
        String priceUnit,
        String channel,
        String providerId,
        StatusCallback statusCallback,
        Instant dateCreated,
        Instant dateUpdated,
        Instant dateSent,
        List<String> groupRecipients,
        boolean provideFeedback,
        int numMedia,
        MessageContent content) {

    public Message {
        mediaUrls = List.copyOf(mediaUrls);
        groupRecipients = groupRecipients == null ? List.of() : List.copyOf(groupRecipients);
    }

    /** A message as created, asking for no feedback: none of its media is stored yet. */
    public Message(String sid, String accountSid, String messagingServiceSid, String from, String to, String body,
            List<String> mediaUrls, int numSegments, Direction direction, MessageStatus status, Integer errorCode,
            String errorMessage, BigDecimal price, String priceUnit, String channel, String providerId,
            StatusCallback statusCallback, Instant dateCreated, Instant dateUpdated, Instant dateSent,
            List<String> groupRecipients) {
        this(sid, accountSid, messagingServiceSid, from, to, body, mediaUrls, numSegments, direction, status, errorCode,
                errorMessage, price, priceUnit, channel, providerId, statusCallback, dateCreated, dateUpdated, dateSent,
                groupRecipients, false, 0, null);
    }

    /** A one-to-one message as created. */
    public Message(String sid, String accountSid, String messagingServiceSid, String from, String to, String body,
            List<String> mediaUrls, int numSegments, Direction direction, MessageStatus status, Integer errorCode,
            String errorMessage, BigDecimal price, String priceUnit, String channel, String providerId,
            StatusCallback statusCallback, Instant dateCreated, Instant dateUpdated, Instant dateSent) {
        this(sid, accountSid, messagingServiceSid, from, to, body, mediaUrls, numSegments, direction, status, errorCode,
                errorMessage, price, priceUnit, channel, providerId, statusCallback, dateCreated, dateUpdated, dateSent,
                List.of(), false, 0, null);
    }

    /** Whether this is one recipient's copy of a group MMS. */
    public boolean group() {
        return !groupRecipients.isEmpty();
    }

    /** The same message with Twilio's {@code ProvideFeedback} flag set to {@code provide}. */
    public Message withProvideFeedback(boolean provide) {
        return new Message(sid, accountSid, messagingServiceSid, from, to, body, mediaUrls, numSegments, direction,
                status, errorCode, errorMessage, price, priceUnit, channel, providerId, statusCallback, dateCreated,
                dateUpdated, dateSent, groupRecipients, provide, numMedia, content);
    }

    /** The same message as one copy of a group MMS with these other recipients. */
    public Message withGroupRecipients(List<String> others) {
        return new Message(sid, accountSid, messagingServiceSid, from, to, body, mediaUrls, numSegments, direction,
                status, errorCode, errorMessage, price, priceUnit, channel, providerId, statusCallback, dateCreated,
                dateUpdated, dateSent, others, provideFeedback, numMedia, content);
    }

    /** Where status changes are posted; null URL when nobody asked. */
    public record StatusCallback(String url, String method) {
        public static final StatusCallback NONE = new StatusCallback(null, "POST");
    }

    /** Whether it was sent or received with media (an MMS), whether or not they are stored yet. */
    public boolean mms() {
        return !mediaUrls.isEmpty();
    }

    /** The same message with {@code count} Media resources (as the store counts them). */
    public Message withNumMedia(int count) {
        return new Message(sid, accountSid, messagingServiceSid, from, to, body, mediaUrls, numSegments, direction,
                status, errorCode, errorMessage, price, priceUnit, channel, providerId, statusCallback, dateCreated,
                dateUpdated, dateSent, groupRecipients, provideFeedback, count, content);
    }

    /**
     * This message in {@code next} status. Refuses transitions the lifecycle does not allow, so a late or
     * repeated receipt can never move a message backwards.
     */
    public Message moveTo(MessageStatus next, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("message " + sid + " cannot move from " + status + " to " + next);
        }
        Instant sent = dateSent == null && (next == MessageStatus.SENT || next == MessageStatus.DELIVERED)
                ? now : dateSent;
        return new Message(sid, accountSid, messagingServiceSid, from, to, body, mediaUrls, numSegments, direction,
                next, errorCode, errorMessage, price, priceUnit, channel, providerId, statusCallback, dateCreated, now,
                sent, groupRecipients, provideFeedback, numMedia, content);
    }

    public Message withError(int code, String message) {
        return new Message(sid, accountSid, messagingServiceSid, from, to, body, mediaUrls, numSegments, direction,
                status, code, message, price, priceUnit, channel, providerId, statusCallback, dateCreated, dateUpdated,
                dateSent, groupRecipients, provideFeedback, numMedia, content);
    }

    public Message withProviderId(String id) {
        return new Message(sid, accountSid, messagingServiceSid, from, to, body, mediaUrls, numSegments, direction,
                status, errorCode, errorMessage, price, priceUnit, channel, id, statusCallback, dateCreated,
                dateUpdated, dateSent, groupRecipients, provideFeedback, numMedia, content);
    }

    public Message withPrice(BigDecimal amount, String unit) {
        return new Message(sid, accountSid, messagingServiceSid, from, to, body, mediaUrls, numSegments, direction,
                status, errorCode, errorMessage, amount, unit, channel, providerId, statusCallback, dateCreated,
                dateUpdated, dateSent, groupRecipients, provideFeedback, numMedia, content);
    }

    /** The same message with other media URLs (inbound media, once stored, point at Parley's own copies). */
    public Message withMediaUrls(List<String> urls) {
        return new Message(sid, accountSid, messagingServiceSid, from, to, body, urls, numSegments, direction,
                status, errorCode, errorMessage, price, priceUnit, channel, providerId, statusCallback, dateCreated,
                dateUpdated, dateSent, groupRecipients, provideFeedback, numMedia, content);
    }

    /** Body removed (Twilio's redaction through {@code Body=""}); everything else kept. */
    public Message redacted(Instant now) {
        return new Message(sid, accountSid, messagingServiceSid, from, to, "", mediaUrls, numSegments, direction,
                status, errorCode, errorMessage, price, priceUnit, channel, providerId, statusCallback, dateCreated,
                now, dateSent, groupRecipients, provideFeedback, numMedia, content);
    }
}
