package dev.parley.core.message;

import java.time.Instant;

/**
 * Filters of the Messages list; null means "any". Messages sent in {@code [sentFrom, sentUntil)} match: the
 * caller turns Twilio's day-granular {@code DateSent} parameters into these bounds.
 */
public record MessageFilter(String to, String from, Instant sentFrom, Instant sentUntil) {
    public static final MessageFilter ALL = new MessageFilter(null, null, null, null);
}
