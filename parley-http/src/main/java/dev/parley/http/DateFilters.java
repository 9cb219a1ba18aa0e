package dev.parley.http;

import dev.parley.core.error.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Date filters in a query string, read in one place. Twilio documents them as {@code YYYY-MM-DD} in GMT; its SDKs
 * send what the caller gave them: a plain date, or a date-time such as {@code 2025-07-03T00:00:00Z} (Node's
 * {@code Date}), {@code 2025-07-03T00:00:00} (twilio-java 13 formats a {@code ZonedDateTime} without its zone, in
 * UTC for {@code DateSent<}/{@code DateSent>}), with an offset ({@code +02:00}, whose {@code +} may arrive decoded
 * as a space), fractional seconds, or a zone id ({@code …Z[Etc/UTC]}). Every form is accepted: a date-time
 * without an offset is GMT, one with an offset is converted to GMT first. Anything else is Twilio's 20001.
 *
 * <p>The API 2010-04-01 filters ({@code DateSent…}, Usage Records' {@code StartDate}/{@code EndDate}, Media's
 * {@code DateCreated…}) are day filters: a date-time stands for its GMT day ({@link #day}), whatever its time, as
 * Twilio's "Accepts GMT dates" reads. Conversations' {@code StartDate}/{@code EndDate} are instants
 * ({@link #instant}): Twilio asks for {@code T00:00:00Z} and {@code T23:59:59Z} "to include the entire end day".
 */
final class DateFilters {
    private DateFilters() {
    }

    /** The GMT day a filter value names, or null when the value is absent or empty. */
    static LocalDate day(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() == 10) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw malformed(name, value);
            }
        }
        return LocalDate.ofInstant(dateTime(v, name, value), ZoneOffset.UTC);
    }

    /** A half-open range of instants: {@code [from, until)}; either end null when open. */
    record Range(Instant from, Instant until) {
        static final Range ALL = new Range(null, null);
    }

    /**
     * Twilio's day-granular trio on one field ({@code Name}, {@code Name<}, {@code Name>}): the exact day, on or
     * before a day, on or after a day (Twilio's {@code <=} and {@code >=}, which reach the server as the parameters
     * {@code Name<} and {@code Name>}). When several are given, each narrows the range.
     */
    static Range days(String on, String onOrBefore, String onOrAfter, String name) {
        Instant from = null;
        Instant until = null;
        LocalDate day = day(on, name);
        if (day != null) {
            from = start(day);
            until = start(day.plusDays(1));
        }
        LocalDate after = day(onOrAfter, name + ">");
        if (after != null && (from == null || start(after).isAfter(from))) {
            from = start(after);
        }
        LocalDate before = day(onOrBefore, name + "<");
        if (before != null && (until == null || start(before.plusDays(1)).isBefore(until))) {
            until = start(before.plusDays(1));
        }
        return new Range(from, until);
    }

    /**
     * An instant filter, or null when absent or empty. A plain date is the start of that GMT day, or with
     * {@code wholeEnd} the start of the next (so an end date includes its day). With {@code wholeEnd}, a date-time
     * given to the second includes that whole second ({@code T23:59:59Z} reaches the end of the day).
     */
    static Instant instant(String value, String name, boolean wholeEnd) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() == 10) {
            try {
                LocalDate day = LocalDate.parse(v);
                return start(wholeEnd ? day.plusDays(1) : day);
            } catch (DateTimeParseException e) {
                throw malformed(name, value);
            }
        }
        Instant t = dateTime(v, name, value);
        return wholeEnd && t.getNano() == 0 ? t.plus(1, ChronoUnit.SECONDS) : t;
    }

    private static Instant dateTime(String v, String name, String original) {
        // A '+' of an offset that the client left unencoded arrives as a space.
        String text = v.replace(' ', '+');
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    OffsetDateTime::from, LocalDateTime::from);
            return switch (parsed) {
                case ZonedDateTime z -> z.toInstant();
                case OffsetDateTime o -> o.toInstant();
                case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
                default -> throw malformed(name, original);
            };
        } catch (DateTimeParseException e) {
            throw malformed(name, original);
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static ApiException malformed(String name, String value) {
        return ApiException.badRequest(20001, name + " must be a date (YYYY-MM-DD) or an ISO 8601 date-time, not '"
                + value + "'");
    }
}
