package dev.parley.core.conversation.receipt;

import java.util.Collection;

/**
 * A conversation message's {@code delivery}: the number of receipts ({@code total}) and, for each status, whether
 * {@code all}, {@code some} or {@code none} of them have reached it. The statuses are cumulative as in Twilio's
 * aggregated receipt: a read message was delivered and sent; an undelivered one was sent; a failed one was not.
 */
public record DeliverySummary(int total, String sent, String delivered, String read, String failed,
        String undelivered) {

    /** The summary of these receipt statuses (a null status: not sent yet); null when there are none. */
    public static DeliverySummary of(Collection<ReceiptStatus> statuses) {
        if (statuses.isEmpty()) {
            return null;
        }
        int sent = 0;
        int delivered = 0;
        int read = 0;
        int failed = 0;
        int undelivered = 0;
        for (ReceiptStatus s : statuses) {
            if (s == null) {
                continue;
            }
            switch (s) {
                case READ -> {
                    read++;
                    delivered++;
                    sent++;
                }
                case DELIVERED -> {
                    delivered++;
                    sent++;
                }
                case UNDELIVERED -> {
                    undelivered++;
                    sent++;
                }
                case SENT -> sent++;
                case FAILED -> failed++;
            }
        }
        int total = statuses.size();
        return new DeliverySummary(total, amount(sent, total), amount(delivered, total), amount(read, total),
                amount(failed, total), amount(undelivered, total));
    }

    private static String amount(int count, int total) {
        return count == 0 ? "none" : count == total ? "all" : "some";
    }
}
