package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.connection.SmppSettings.IdFormat;
import org.junit.jupiter.api.Test;

class SmscIdsTest {

    @Test
    void hexAndDecimalIdsOfOneNumberMatch() {
        assertThat(SmscIds.normalize("1A", IdFormat.HEX)).isEqualTo("26");
        assertThat(SmscIds.normalize("001a", IdFormat.HEX)).isEqualTo("26");
        assertThat(SmscIds.normalize(" 0026 ", IdFormat.DECIMAL)).isEqualTo("26");
        assertThat(SmscIds.normalize("FFFFFFFFFFFFFFFFFFFF", IdFormat.HEX)).isEqualTo("1208925819614629174706175");
    }

    @Test
    void stringIdsAndIdsThatAreNotTheSaidNumberStayAsWritten() {
        assertThat(SmscIds.normalize("0026", IdFormat.STRING)).isEqualTo("0026");
        assertThat(SmscIds.normalize("abc-42", IdFormat.DECIMAL)).isEqualTo("abc-42");
        assertThat(SmscIds.normalize("xyz", IdFormat.HEX)).isEqualTo("xyz");
        assertThat(SmscIds.normalize(null, IdFormat.DECIMAL)).isEmpty();
    }

    @Test
    void noIdIsLongerThanItsColumn() {
        assertThat(SmscIds.normalize("F".repeat(64), IdFormat.HEX)).hasSizeLessThanOrEqualTo(SmscIds.MAX_STORED);
        assertThat(SmscIds.normalize("x".repeat(200), IdFormat.STRING)).isEqualTo("x".repeat(80));
    }
}
