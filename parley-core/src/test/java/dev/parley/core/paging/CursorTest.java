package dev.parley.core.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.paging.Cursor.Direction;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aNextPageTokenIsPaThenTheKeyThenTheSid() {
        Cursor c = Cursor.after(1_751_573_551_123_456L, "SM0123456789abcdef0123456789abcdef");
        assertThat(c.token()).isEqualTo("PA1751573551123456_SM0123456789abcdef0123456789abcdef");
        assertThat(Cursor.parse(c.token())).contains(c);
    }

    @Test
    void aPreviousPageTokenIsPb() {
        Cursor c = Cursor.before(42, "IM0123456789abcdef0123456789abcdef");
        assertThat(c.token()).isEqualTo("PB42_IM0123456789abcdef0123456789abcdef");
        assertThat(Cursor.parse(c.token())).get().satisfies(p -> {
            assertThat(p.direction()).isEqualTo(Direction.BEFORE);
            assertThat(p.isBefore()).isTrue();
            assertThat(p.createdMicros()).isEqualTo(42);
            assertThat(p.sid()).isEqualTo("IM0123456789abcdef0123456789abcdef");
        });
    }

    @Test
    void theTwoCursorConstructorReadsForward() {
        assertThat(new Cursor(7, "SMx")).isEqualTo(Cursor.after(7, "SMx"));
    }

    @Test
    void theSidKeepsItsUnderscoresAndTheKeyItsSign() {
        assertThat(Cursor.parse("PB-3_a_b")).contains(Cursor.before(-3, "a_b"));
        Cursor last = Cursor.lastPage(true);
        assertThat(Cursor.parse(last.token())).contains(last);
        assertThat(Cursor.parse(Cursor.firstPage(false).token())).contains(Cursor.firstPage(false));
    }

    @Test
    void theListsEndsAreTokensPastEveryRow() {
        assertThat(Cursor.lastPage(true)).isEqualTo(Cursor.before(-Long.MAX_VALUE, ""));
        assertThat(Cursor.lastPage(false)).isEqualTo(Cursor.before(Long.MAX_VALUE, ""));
        assertThat(Cursor.firstPage(true)).isEqualTo(Cursor.after(Long.MAX_VALUE, ""));
        assertThat(Cursor.firstPage(false)).isEqualTo(Cursor.after(-Long.MAX_VALUE, ""));
    }

    @Test
    void anythingElseIsNoToken() {
        for (String bad : new String[] {null, "", "P", "PA", "PA_SM1", "PC12_SM1", "pa12_SM1", "PA12SM1", "PAx_SM1",
                "PA99999999999999999999_SM1", "SM0123456789abcdef0123456789abcdef"}) {
            assertThat(Cursor.parse(bad)).as(bad).isEmpty();
        }
    }
}
