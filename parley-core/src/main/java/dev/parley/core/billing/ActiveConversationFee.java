package dev.parley.core.billing;

import dev.parley.core.tx.Tx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The Conversations fee: a conversation is active in a calendar month (UTC) when a message was added to it that
 * month, and each active conversation-month costs the price table's {@code conversation} rate. {@link #charge} is
 * called in the transaction that adds each conversation message: the first of a conversation's month books one
 * {@code conversations} charge (count 1, the rate) in the usage ledger, on that day; the others book nothing. With no
 * {@code conversation} row in the table the month is still counted, at no price. Message charges are unaffected.
 */
public final class ActiveConversationFee {
    private final PriceTable table;
    private final Clock clock;

    public ActiveConversationFee(PriceTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** @return whether this message made the conversation active in its month (and the fee was booked) */
    public boolean charge(Tx tx, String accountSid, String conversationSid) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!tx.usage().markConversationActive(accountSid, conversationSid, YearMonth.from(day), now)) {
            return false;
        }
        BigDecimal price = table.find(PriceTable.Product.CONVERSATION, "outbound", "")
                .map(PriceTable.Rate::price).orElse(BigDecimal.ZERO);
        tx.usage().add(new UsageStore.Charge(accountSid, day, UsageCategory.CONVERSATIONS.wire(), table.currency(), 1,
                1, price));
        return true;
    }
}
