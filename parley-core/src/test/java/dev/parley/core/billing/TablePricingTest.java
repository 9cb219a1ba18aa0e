package dev.parley.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePricingTest {
    private static final Instant NOW = Instant.parse("2026-03-31T23:59:59Z");
    private final TablePricing pricing = new TablePricing(PriceTable.bundled(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Message message(String from, String to, Direction direction, MessageStatus status, int segments,
            List<String> media, Integer errorCode) {
        return new Message("SM" + "0".repeat(32), "AC" + "1".repeat(32), null, from, to, "hi", media, segments,
                direction, status, errorCode, null, null, "USD", "simulator", null, Message.StatusCallback.NONE, NOW,
                NOW, null);
    }

    private static Message out(String to, MessageStatus status, int segments) {
        return message("+14155550100", to, Direction.OUTBOUND_API, status, segments, List.of(), null);
    }

    @Test
    void smsIsPricedPerSegmentByDestinationCountryAndNegative() {
        assertThat(pricing.priceOf(out("+12025550123", MessageStatus.SENT, 1))).isEqualTo(new BigDecimal("-0.00790"));
        assertThat(pricing.priceOf(out("+12025550123", MessageStatus.DELIVERED, 3))).isEqualTo(new BigDecimal("-0.02370"));
        assertThat(pricing.priceOf(out("+447700900123", MessageStatus.DELIVERED, 1))).isEqualTo(new BigDecimal("-0.04000"));
        assertThat(pricing.priceOf(out("+6421555123", MessageStatus.UNDELIVERED, 1))).isEqualTo(new BigDecimal("-0.05000"));
        assertThat(pricing.unit()).isEqualTo("USD");
    }

    @Test
    void mmsAndWhatsappArePricedPerMessageAndInboundAtTheInboundRate() {
        Message mms = message("+14155550100", "+12025550123", Direction.OUTBOUND_API, MessageStatus.SENT, 1,
                List.of("https://example.com/a.png"), null);
        assertThat(pricing.priceOf(mms)).isEqualTo(new BigDecimal("-0.02000"));
        Message mmsIn = message("+12025550123", "+14155550100", Direction.INBOUND, MessageStatus.RECEIVED, 1,
                List.of("https://example.com/a.png"), null);
        assertThat(pricing.priceOf(mmsIn)).isEqualTo(new BigDecimal("-0.01000"));
        Message smsIn = message("+12025550123", "+14155550100", Direction.INBOUND, MessageStatus.RECEIVED, 2, List.of(),
                null);
        assertThat(pricing.priceOf(smsIn)).isEqualTo(new BigDecimal("-0.01580"));
        Message whatsapp = message("whatsapp:+14155550100", "whatsapp:+447700900123", Direction.OUTBOUND_API,
                MessageStatus.DELIVERED, 2, List.of(), null);
        assertThat(pricing.priceOf(whatsapp)).isEqualTo(new BigDecimal("-0.00500"));
    }

    @Test
    void failedMessagesCarryTheFeeUnlessTheirCodeIsExemptAndUnpricedStatesCostNothing() {
        Message failed = message("+14155550100", "+12025550123", Direction.OUTBOUND_API, MessageStatus.FAILED, 2,
                List.of(), 30004);
        assertThat(pricing.priceOf(failed)).isEqualTo(new BigDecimal("-0.00100"));
        Message exempt = message("+14155550100", "+12025550123", Direction.OUTBOUND_API, MessageStatus.FAILED, 1,
                List.of(), 30008);
        assertThat(pricing.priceOf(exempt)).isNull();
        assertThat(pricing.priceOf(out("+12025550123", MessageStatus.QUEUED, 1))).isNull();
        assertThat(pricing.priceOf(out("+12025550123", MessageStatus.SENDING, 1))).isNull();
        assertThat(pricing.priceOf(out("+12025550123", MessageStatus.CANCELED, 1))).isNull();
    }

    @Test
    void countryOfAnAddressIncludingUnassignedRangesAndWhatsapp() {
        assertThat(TablePricing.country("+12025550123")).isEqualTo("US");
        assertThat(TablePricing.country("+14165550123")).isEqualTo("CA");
        assertThat(TablePricing.country("whatsapp:+447700900123")).isEqualTo("GB");
        assertThat(TablePricing.country("not a number")).isEmpty();
    }
}
