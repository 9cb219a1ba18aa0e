package dev.parley.core.conversation;

import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The conversation timers ({@code Timers.Inactive}, {@code Timers.Closed}): when they fire, and the work-queue job
 * that moves a conversation's state when they do. Timers count from the last activity (creation, a timer change,
 * a new message): every activity re-arms them. A job due at the earliest timer checks the conversation's own dates
 * when it runs, so a job armed before a later activity finds nothing due and re-arms at the new date; jobs are
 * durable, so timers survive restarts.
 */
public final class ConversationTimers implements JobHandler {
    public static final String KIND = "conversation.timer";
    static final Duration MIN_INACTIVE = Duration.ofMinutes(1);
    static final Duration MIN_CLOSED = Duration.ofMinutes(10);
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public ConversationTimers(Storage storage, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /** A timer parameter checked: an ISO 8601 duration of at least Twilio's minimum; null when not given. */
    public static String checkInactive(String value) {
        return check(value, MIN_INACTIVE, 50375, "Timers.Inactive should be greater or equal to 1 minute");
    }

    public static String checkClosed(String value) {
        return check(value, MIN_CLOSED, 50376, "Timers.Closed should be greater or equal to 10 minutes");
    }

    private static String check(String value, Duration min, int code, String message) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(20001, "Timers must be ISO 8601 durations (such as PT10M), not " + value);
        }
        if (d.compareTo(min) < 0) {
            throw ApiException.badRequest(code, message);
        }
        return value.strip();
    }

    /** The timers counted from {@code now} for a conversation in {@code state}. */
    static Conversation.Timers arm(String inactive, String closed, ConversationState state, Instant now) {
        if (state == ConversationState.CLOSED) {
            return new Conversation.Timers(inactive, closed, null, null);
        }
        Instant dateInactive = inactive != null && state == ConversationState.ACTIVE
                ? now.plus(Duration.parse(inactive)) : null;
        Instant dateClosed = closed != null ? now.plus(Duration.parse(closed)) : null;
        return new Conversation.Timers(inactive, closed, dateInactive, dateClosed);
    }

    /**
     * Enqueues the job for {@code updated}'s next timer, unless {@code previous}'s job is due no later (it re-arms
     * when it runs). Inside the transaction that writes {@code updated}.
     */
    void schedule(Tx tx, Conversation previous, Conversation updated) {
        Instant next = updated.timers().nextDue();
        if (next == null) {
            return;
        }
        Instant pending = previous == null ? null : previous.timers().nextDue();
        if (pending != null && !pending.isAfter(next)) {
            return;
        }
        enqueue(tx, updated, next);
    }

    private void enqueue(Tx tx, Conversation c, Instant at) {
        tx.jobs().enqueue(Job.create(ids.sid("JB"), c.accountSid(), KIND, c.sid(), at, 5, clock.instant()));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        storage.writeVoid(tx -> fire(tx, job.accountSid(), job.payload()));
        return JobOutcome.DONE;
    }

    private void fire(Tx tx, String accountSid, String conversationSid) {
        Conversation c = tx.conversations().find(accountSid, conversationSid).orElse(null);
        if (c == null || c.state() == ConversationState.CLOSED) {
            return;
        }
        Instant now = clock.instant();
        Conversation.Timers t = c.timers();
        Conversation moved;
        if (t.dateClosed() != null && !now.isBefore(t.dateClosed())) {
            moved = c.with(ConversationState.CLOSED, new Conversation.Timers(t.inactive(), t.closed(), null, null),
                    now);
        } else if (t.dateInactive() != null && !now.isBefore(t.dateInactive())) {
            moved = c.with(ConversationState.INACTIVE,
                    new Conversation.Timers(t.inactive(), t.closed(), null, t.dateClosed()), now);
        } else {
            moved = c;
        }
        if (moved != c) {
            tx.conversations().update(moved);
            tx.liveEvents().publish(LiveEvent.conversationUpdated(moved));
        }
        Instant next = moved.timers().nextDue();
        if (next != null) {
            enqueue(tx, moved, next);
        }
    }
}
