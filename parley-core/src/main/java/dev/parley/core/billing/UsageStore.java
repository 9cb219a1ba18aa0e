package dev.parley.core.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;

/**
 * The usage ledger: per account, UTC day, leaf category and currency, the running count, usage and price of
 * what was charged. Rows are only ever added to (a deleted message stays billed), inside the transaction that
 * prices the message, so the ledger and the message prices agree to the cent.
 */
public interface UsageStore {

    /** Adds one charge to its row, creating the row first. {@code price} is positive (what was charged). */
    void add(Charge charge);

    /** Every row of these accounts from {@code from} to {@code to} (both inclusive), by account, day and category. */
    List<Charge> read(Collection<String> accountSids, LocalDate from, LocalDate to);

    /**
     * Records that the conversation had a message in {@code month} (UTC), at {@code at}.
     *
     * @return true for the first call of a conversation and month, which is to book the month's fee; false after
     */
    boolean markConversationActive(String accountSid, String conversationSid, YearMonth month, Instant at);

    /** A charge, or a ledger row: {@code count} events, {@code usage} billed units, {@code price} positive. */
    record Charge(String accountSid, LocalDate day, String category, String priceUnit, long count, long usage,
            BigDecimal price) {
    }
}
