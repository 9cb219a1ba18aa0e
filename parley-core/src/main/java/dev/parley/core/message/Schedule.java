package dev.parley.core.message;

import dev.parley.core.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Twilio's message scheduling rules: {@code ScheduleType=fixed} with a {@code SendAt} between 300 seconds and 35
 * days ahead, on a message sent through a Messaging Service.
 */
final class Schedule {
    static final Duration MIN_LEAD = Duration.ofSeconds(300);
    static final Duration MAX_LEAD = Duration.ofDays(35);

    private Schedule() {
    }

    /** When the request is to be sent: null for now, else its checked {@code SendAt}. */
    static Instant sendAt(SendRequest r, boolean viaService, Instant now) {
        if (r.scheduleType() == null || r.scheduleType().isBlank()) {
            return null;
        }
        if (!r.scheduleType().equals("fixed")) {
            throw ApiException.badRequest(20001, "ScheduleType must be fixed, not " + r.scheduleType());
        }
        if (!viaService) {
            throw ApiException.badRequest(35118, "MessagingServiceSid is required to schedule a message");
        }
        if (r.sendAt() == null || r.sendAt().isBlank()) {
            throw ApiException.badRequest(35111, "SendAt timestamp is missing");
        }
        Instant at = parse(r.sendAt());
        Duration lead = Duration.between(now, at);
        if (lead.compareTo(MIN_LEAD) < 0 || lead.compareTo(MAX_LEAD) > 0) {
            throw ApiException.badRequest(35115, "Scheduling does not support this timestamp: SendAt " + r.sendAt()
                    + " must be between 300 seconds and 35 days (3024000 seconds) in the future");
        }
        return at;
    }

    private static Instant parse(String text) {
        try {
            // Twilio's SDKs send ISO 8601 date-times, some with a zone id ("…Z[Etc/UTC]"); no offset means UTC.
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.strip().replace(' ', '+'),
                    ZonedDateTime::from, LocalDateTime::from);
            return parsed instanceof ZonedDateTime z ? z.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(35114, "Scheduling does not support this timestamp: SendAt " + text
                    + " is not an ISO 8601 date-time");
        }
    }
}
