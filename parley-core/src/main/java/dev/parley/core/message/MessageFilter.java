package dev.parley.core.message;

import java.time.Instant;

/** Filters of the Messages list. Null means "any". {@code sentBefore}/{@code sentAfter} are exclusive of nothing: inclusive day bounds are resolved by the caller. */
public record MessageFilter(String to, String from, Instant sentFrom, Instant sentUntil) {
    public static final MessageFilter ALL = new MessageFilter(null, null, null, null);
}
