package dev.parley.core.media;

import java.time.Instant;

/**
 * One stored media file of a message (Twilio's Media resource, {@code ME} SID). {@code position} is its place
 * among the message's media (0-based, the order of {@code MediaUrl}s); its bytes live in {@link MediaFiles}.
 */
public record Media(String sid, String accountSid, String messageSid, int position, String contentType, long size,
        Instant dateCreated) {
}
