package dev.parley.core.twiml;

import java.util.List;
import java.util.Objects;

/**
 * A {@code <Message>} verb: send one message.
 *
 * <p>{@code body} is never null; it is the empty string when the document gave no text (a
 * media-only message). {@code mediaUrls} is never null and is unmodifiable, in document order. The
 * attributes {@code to}, {@code from}, {@code action}, {@code method} and {@code statusCallback} are
 * null when absent from the document; defaults (reply to the sender, {@code POST}) are the caller's
 * to apply, because they depend on the inbound request. A present {@code method} is {@code GET} or
 * {@code POST}, upper case.
 */
public record MessageVerb(String body, List<String> mediaUrls, String to, String from, String action,
                          String method, String statusCallback) implements TwimlVerb {

    /** Twilio accepts at most this many {@code <Media>} nouns in one {@code <Message>}. */
    public static final int MAX_MEDIA = 10;

    public MessageVerb {
        Objects.requireNonNull(body, "body");
        mediaUrls = List.copyOf(mediaUrls);
    }

    /** A plain text reply to the sender, with no attributes. */
    public static MessageVerb reply(String body) {
        return new MessageVerb(body, List.of(), null, null, null, null, null);
    }
}
