package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.smpp.SmscReceipt.State;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.Test;

class DeliveryReceiptsTest {

    @Test
    void readsKannelsReceipt() {
        // Kannel's fake SMSC and its SMPP server write receipts this way.
        SmscReceipt r = DeliveryReceipts.parse("id:3412c9a1 sub:001 dlvrd:001 submit date:2512061015 "
                + "done date:2512061016 stat:DELIVRD err:000 text:Hello there").orElseThrow();

        assertThat(r).isEqualTo(new SmscReceipt("3412c9a1", State.DELIVERED, "DELIVRD", "000", 1, 1,
                LocalDateTime.of(2025, 12, 6, 10, 15), LocalDateTime.of(2025, 12, 6, 10, 16), "Hello there"));
    }

    @Test
    void readsWhatJsmppWrites() {
        DeliveryReceipt jsmpp = new DeliveryReceipt("0123456789", 1, 1, new java.util.Date(0), new java.util.Date(0),
                DeliveryReceiptState.UNDELIV, "013", "testing jSMPP bow");

        SmscReceipt r = DeliveryReceipts.parse(jsmpp.toString()).orElseThrow();

        assertThat(r.messageId()).isEqualTo("0123456789");
        assertThat(r.state()).isEqualTo(State.UNDELIVERABLE);
        assertThat(r.error()).isEqualTo("013");
        assertThat(r.text()).isEqualTo("testing jSMPP bow");
        assertThat(r.submitDate()).isNotNull();
    }

    @Test
    void toleratesCaseSpacesUnderscoresSecondsAndOrder() {
        SmscReceipt r = DeliveryReceipts.parse("  ID : 77AB  Stat:  rejectd   Err:0x0B  Submit_Date:251206101530 "
                + "DONE  DATE:2512061016 Text:id:fake stat:DELIVRD").orElseThrow();

        assertThat(r.messageId()).isEqualTo("77AB");
        assertThat(r.state()).isEqualTo(State.REJECTED);
        assertThat(r.stat()).isEqualTo("REJECTD");
        assertThat(r.error()).isEqualTo("0x0B");
        assertThat(r.submitDate()).isEqualTo(LocalDateTime.of(2025, 12, 6, 10, 15, 30));
        assertThat(r.doneDate()).isEqualTo(LocalDateTime.of(2025, 12, 6, 10, 16));
        assertThat(r.text()).as("text is everything after text:").isEqualTo("id:fake stat:DELIVRD");
    }

    @Test
    void missingFieldsAreNull() {
        SmscReceipt r = DeliveryReceipts.parse("id:1526758174 stat:EXPIRED").orElseThrow();

        assertThat(r).isEqualTo(new SmscReceipt("1526758174", State.EXPIRED, "EXPIRED", null, null, null, null, null,
                null));
        assertThat(DeliveryReceipts.parse("stat:DELIVRD err:000")).isEmpty();
        assertThat(DeliveryReceipts.parse("")).isEmpty();
    }

    @Test
    void textWithoutItsKeyIsWhatFollowsTheLastField() {
        SmscReceipt r = DeliveryReceipts.parse("id:0123456789 sub:001 dlvrd:001 submit date:0809011130 "
                + "done date:0809011131 stat:DELIVRD err:000 testing jSMPP bow").orElseThrow();

        assertThat(r.error()).isEqualTo("000");
        assertThat(r.text()).isEqualTo("testing jSMPP bow");
    }

    @Test
    void badNumbersAndDatesAreNullNotErrors() {
        SmscReceipt r = DeliveryReceipts.parse("id:9 sub:abc submit date:2513991299 done date:25 stat:WHATEVER")
                .orElseThrow();

        assertThat(r.submitted()).isNull();
        assertThat(r.submitDate()).isNull();
        assertThat(r.doneDate()).isNull();
        assertThat(r.state()).isEqualTo(State.UNKNOWN);
    }

    @Test
    void tlvsWinOverTheText() {
        OptionalParameter[] tlvs = {
            new OptionalParameter.Receipted_message_id("A1B2"),
            new OptionalParameter.Message_state((byte) 5),
            new OptionalParameter.OctetString((short) 0x0423, new byte[] {3, 0x00, 0x45}),
        };
        byte[] text = "id:0000 stat:DELIVRD".getBytes(StandardCharsets.US_ASCII);

        SmscReceipt r = DeliveryReceipts.read(text, tlvs).orElseThrow();

        assertThat(r.messageId()).isEqualTo("A1B2");
        assertThat(r.state()).isEqualTo(State.UNDELIVERABLE);
        assertThat(r.stat()).isEqualTo("DELIVRD");
        assertThat(r.error()).as("network_error_code when the text has no err:").isEqualTo("69");
    }

    @Test
    void aReceiptOfTlvsAloneHasAnIdAndAState() {
        OptionalParameter[] tlvs = {new OptionalParameter.Receipted_message_id("5f2c"),
            new OptionalParameter.Message_state((byte) 2)};

        assertThat(DeliveryReceipts.read(new byte[0], tlvs)).contains(
                new SmscReceipt("5f2c", State.DELIVERED, null, null, null, null, null, null, null));
    }

    @Test
    void statAbbreviationsAndWords() {
        assertThat(DeliveryReceipts.state("DELIVRD")).isEqualTo(State.DELIVERED);
        assertThat(DeliveryReceipts.state("delivered")).isEqualTo(State.DELIVERED);
        assertThat(DeliveryReceipts.state("UNDELIV")).isEqualTo(State.UNDELIVERABLE);
        assertThat(DeliveryReceipts.state("FAILED")).isEqualTo(State.UNDELIVERABLE);
        assertThat(DeliveryReceipts.state("ACCEPTD")).isEqualTo(State.ACCEPTED);
        assertThat(DeliveryReceipts.state("ENROUTE")).isEqualTo(State.ENROUTE);
        assertThat(DeliveryReceipts.state("DELETED")).isEqualTo(State.DELETED);
        assertThat(State.ENROUTE.isFinal()).isFalse();
        assertThat(State.REJECTED.isFinal()).isTrue();
    }
}
