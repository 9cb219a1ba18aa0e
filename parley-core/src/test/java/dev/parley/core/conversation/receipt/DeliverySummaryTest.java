package dev.parley.core.conversation.receipt;

import static dev.parley.core.conversation.receipt.ReceiptStatus.DELIVERED;
import static dev.parley.core.conversation.receipt.ReceiptStatus.FAILED;
import static dev.parley.core.conversation.receipt.ReceiptStatus.READ;
import static dev.parley.core.conversation.receipt.ReceiptStatus.SENT;
import static dev.parley.core.conversation.receipt.ReceiptStatus.UNDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.message.MessageStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliverySummaryTest {

    @Test
    void noReceiptsMeansNothingToReport() {
        assertThat(DeliverySummary.of(List.of())).isNull();
    }

    @Test
    void statusesAreCumulativeReadImpliesDeliveredImpliesSent() {
        assertThat(DeliverySummary.of(List.of(READ, DELIVERED)))
                .isEqualTo(new DeliverySummary(2, "all", "all", "some", "none", "none"));
        assertThat(DeliverySummary.of(List.of(DELIVERED, UNDELIVERED, FAILED)))
                .isEqualTo(new DeliverySummary(3, "some", "some", "none", "some", "some"));
        assertThat(DeliverySummary.of(List.of(FAILED)))
                .isEqualTo(new DeliverySummary(1, "none", "none", "none", "all", "none"));
    }

    @Test
    void aReceiptNotSentYetCountsInTheTotalOnly() {
        assertThat(DeliverySummary.of(Arrays.asList(SENT, null)))
                .isEqualTo(new DeliverySummary(2, "some", "none", "none", "none", "none"));
    }

    @Test
    void receiptStatusesFollowEveryMessageStatus() {
        assertThat(ReceiptStatus.of(MessageStatus.QUEUED)).isEmpty();
        assertThat(ReceiptStatus.of(MessageStatus.ACCEPTED)).isEmpty();
        assertThat(ReceiptStatus.of(MessageStatus.SENDING)).isEmpty();
        assertThat(ReceiptStatus.of(MessageStatus.SENT)).contains(SENT);
        assertThat(ReceiptStatus.of(MessageStatus.DELIVERED)).contains(DELIVERED);
        assertThat(ReceiptStatus.of(MessageStatus.READ)).contains(READ);
        assertThat(ReceiptStatus.of(MessageStatus.UNDELIVERED)).contains(UNDELIVERED);
        assertThat(ReceiptStatus.of(MessageStatus.FAILED)).contains(FAILED);
        assertThat(ReceiptStatus.of(MessageStatus.CANCELED)).contains(FAILED);
    }
}
