package dev.parley.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.billing.PriceTable.Per;
import dev.parley.core.billing.PriceTable.Product;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    private static PriceTable parse(String text) throws IOException {
        return PriceTable.parse("test.txt", new StringReader(text));
    }

    @Test
    void bundledTableHasTwiliosUsListPricesAndADefaultRowPerProduct() {
        PriceTable t = PriceTable.bundled();
        assertThat(t.currency()).isEqualTo("USD");
        assertThat(t.find(Product.SMS, "outbound", "US").orElseThrow().price()).isEqualByComparingTo("0.0079");
        assertThat(t.find(Product.SMS, "outbound", "US").orElseThrow().per()).isEqualTo(Per.SEGMENT);
        assertThat(t.find(Product.SMS, "inbound", "US").orElseThrow().price()).isEqualByComparingTo("0.0079");
        assertThat(t.find(Product.MMS, "outbound", "US").orElseThrow().price()).isEqualByComparingTo("0.0200");
        assertThat(t.find(Product.MMS, "inbound", "US").orElseThrow().price()).isEqualByComparingTo("0.0100");
        assertThat(t.find(Product.FAILED, "outbound", "US").orElseThrow().price()).isEqualByComparingTo("0.001");
        assertThat(t.find(Product.CONVERSATION, "outbound", "US").orElseThrow().per()).isEqualTo(Per.ACTIVE_CONVERSATION_MONTH);
        for (Product p : new Product[] {Product.SMS, Product.MMS, Product.WHATSAPP}) {
            for (String direction : new String[] {"outbound", "inbound"}) {
                assertThat(t.find(p, direction, "ZW")).as("%s %s default", p, direction).isPresent();
                assertThat(t.find(p, direction, "")).as("%s %s without a country", p, direction).isPresent();
            }
        }
        assertThat(t.failedFeeExempt(30008)).isTrue();
        assertThat(t.failedFeeExempt(30036)).isTrue();
        assertThat(t.failedFeeExempt(30004)).isFalse();
        assertThat(t.failedFeeExempt(null)).isFalse();
    }

    @Test
    void aCountrysOwnRowWinsOverTheDefaultAndAStarDirectionServesBoth() throws IOException {
        PriceTable t = parse("""
                # comment
                currency eur

                sms  outbound  GB  0.04     segment
                sms  *         *   0.05     segment
                mms  inbound   *   0.01     message
                """);
        assertThat(t.currency()).isEqualTo("EUR");
        assertThat(t.find(Product.SMS, "outbound", "GB").orElseThrow().price()).isEqualTo(new BigDecimal("0.04000"));
        assertThat(t.find(Product.SMS, "outbound", "FR").orElseThrow().price()).isEqualTo(new BigDecimal("0.05000"));
        assertThat(t.find(Product.SMS, "inbound", "GB").orElseThrow().price()).isEqualTo(new BigDecimal("0.05000"));
        assertThat(t.find(Product.MMS, "outbound", "GB")).isEmpty();
        assertThat(t.find(Product.WHATSAPP, "inbound", "GB")).isEmpty();
    }

    @Test
    void aMalformedLineIsRefusedWithTheFileAndItsLineNumber() {
        String head = "currency USD\n# rates\n";
        assertThatThrownBy(() -> parse(head + "sms outbound US 0.0079\n"))
                .isInstanceOf(PriceTableException.class)
                .hasMessage("Price table test.txt line 3: expected PRODUCT DIRECTION COUNTRY PRICE PER, got 4 words");
        assertThatThrownBy(() -> parse(head + "fax outbound US 0.01 message\n"))
                .hasMessageStartingWith("Price table test.txt line 3: unknown product 'fax'");
        assertThatThrownBy(() -> parse(head + "sms sideways US 0.01 segment\n"))
                .hasMessageContaining("line 3: direction must be outbound, inbound or *");
        assertThatThrownBy(() -> parse(head + "sms outbound usa 0.01 segment\n"))
                .hasMessageContaining("line 3: country must be an ISO 3166 alpha-2 code");
        assertThatThrownBy(() -> parse(head + "sms outbound US abc segment\n"))
                .hasMessageContaining("line 3: price 'abc' is not a number");
        assertThatThrownBy(() -> parse(head + "sms outbound US -0.01 segment\n"))
                .hasMessageContaining("line 3: price must be positive or 0");
        assertThatThrownBy(() -> parse(head + "sms outbound US 0.000001 segment\n"))
                .hasMessageContaining("line 3: price must be positive or 0 with at most 5 decimals");
        assertThatThrownBy(() -> parse(head + "mms outbound US 0.02 segment\n"))
                .hasMessageContaining("line 3: a mms price cannot be per 'segment'");
        assertThatThrownBy(() -> parse(head + "sms outbound US 0.01 segment\n\nsms outbound US 0.02 segment\n"))
                .hasMessageContaining("line 5: a second rate for sms outbound US");
        assertThatThrownBy(() -> parse(head + "failed-fee-exempt 30008 x\n"))
                .hasMessageContaining("line 3: 'x' is not an error code");
        assertThatThrownBy(() -> parse("currency USD\ncurrency EUR\n")).hasMessageContaining("line 2: currency is given twice");
        assertThatThrownBy(() -> parse("currency XYZ1\n")).hasMessageContaining("line 1: 'XYZ1' is not an ISO 4217");
        assertThatThrownBy(() -> parse("sms outbound US 0.01 segment\n"))
                .hasMessageContaining("line 1: no 'currency CODE' line");
    }

    @Test
    void loadNamesTheFileItCannotRead(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> PriceTable.load(missing))
                .isInstanceOf(PriceTableException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString());
        Path file = Files.writeString(dir.resolve("prices.txt"), "currency USD\nsms * * 0.01 message\n");
        assertThat(PriceTable.load(file).find(Product.SMS, "inbound", "US").orElseThrow().per()).isEqualTo(Per.MESSAGE);
    }
}
