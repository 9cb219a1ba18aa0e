package dev.parley.core.paging;

import java.util.Optional;

/**
 * A position in a list and the side of it a page lies on: what Twilio's {@code PageToken} carries. The position is a
 * row's ordering key (its creation time in epoch micros, or another ascending number such as a conversation
 * message's index, or a list computed in memory's row number) with its SID as tie-breaker. {@link Direction#AFTER}
 * reads the rows that follow it in the list's order ({@code PA…}, "page after", a next page);
 * {@link Direction#BEFORE} reads the rows that precede it ({@code PB…}, "page before", a previous page).
 */
public record Cursor(long createdMicros, String sid, Direction direction) {

    /** Which side of the position a page lies on, and its token prefix. */
    public enum Direction {
        AFTER("PA"), BEFORE("PB");

        private final String prefix;

        Direction(String prefix) {
            this.prefix = prefix;
        }
    }

    public Cursor {
        if (sid == null || direction == null) {
            throw new IllegalArgumentException("a cursor needs a SID and a direction");
        }
    }

    /** A cursor after the row: the page that follows it. */
    public Cursor(long createdMicros, String sid) {
        this(createdMicros, sid, Direction.AFTER);
    }

    public static Cursor after(long createdMicros, String sid) {
        return new Cursor(createdMicros, sid, Direction.AFTER);
    }

    public static Cursor before(long createdMicros, String sid) {
        return new Cursor(createdMicros, sid, Direction.BEFORE);
    }

    /**
     * The page before a position past every row: the list's last page, for a page with no row to point from (an
     * offset past the end, or nothing left after a cursor).
     */
    public static Cursor lastPage(boolean newestFirst) {
        return before(newestFirst ? -Long.MAX_VALUE : Long.MAX_VALUE, "");
    }

    /** The page after a position ahead of every row: the list's first page, as a token. */
    public static Cursor firstPage(boolean newestFirst) {
        return after(newestFirst ? Long.MAX_VALUE : -Long.MAX_VALUE, "");
    }

    public boolean isBefore() {
        return direction == Direction.BEFORE;
    }

    /** The token form used in Twilio's {@code PageToken} parameter: {@code PA} or {@code PB}, key, {@code _}, SID. */
    public String token() {
        return direction.prefix + createdMicros + "_" + sid;
    }

    /** The cursor a {@link #token()} stands for; empty for anything else (including other servers' tokens). */
    public static Optional<Cursor> parse(String token) {
        if (token == null || token.length() < 2) {
            return Optional.empty();
        }
        Direction direction = switch (token.substring(0, 2)) {
            case "PA" -> Direction.AFTER;
            case "PB" -> Direction.BEFORE;
            default -> null;
        };
        int sep = token.indexOf('_');
        if (direction == null || sep < 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Cursor(Long.parseLong(token.substring(2, sep)), token.substring(sep + 1),
                    direction));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
