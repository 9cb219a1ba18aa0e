package dev.parley.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {
    private static final List<String> ALL = List.of("a", "b", "c", "d", "e", "f", "g");

    @Test
    void aSliceWalksForwardThenBackToTheSamePages() {
        Page<String> first = Page.slice(ALL, PageRequest.first(3));
        assertThat(first.items()).containsExactly("a", "b", "c");
        assertThat(first.previous()).isNull();
        Page<String> second = Page.slice(ALL, new PageRequest(3, 1, first.next()));
        assertThat(second.items()).containsExactly("d", "e", "f");
        Page<String> third = Page.slice(ALL, new PageRequest(3, 2, second.next()));
        assertThat(third.items()).containsExactly("g");
        assertThat(third.next()).isNull();

        Page<String> back = Page.slice(ALL, new PageRequest(3, 1, third.previous()));
        assertThat(back).isEqualTo(second);
        Page<String> start = Page.slice(ALL, new PageRequest(3, 0, back.previous()));
        assertThat(start).isEqualTo(first);
        assertThat(start.next().token()).startsWith("PA").isEqualTo(first.next().token());
        assertThat(back.previous().token()).startsWith("PB");
    }

    @Test
    void aSliceByOffsetHasAPreviousPageAndPastTheEndPointsAtTheLastPage() {
        Page<String> second = Page.slice(ALL, new PageRequest(3, 1, null));
        assertThat(second.items()).containsExactly("d", "e", "f");
        assertThat(Page.slice(ALL, new PageRequest(3, 0, second.previous())).items()).containsExactly("a", "b", "c");

        Page<String> beyond = Page.slice(ALL, new PageRequest(3, 9, null));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.next()).isNull();
        assertThat(Page.slice(ALL, new PageRequest(3, 8, beyond.previous())).items()).containsExactly("e", "f", "g");
    }

    @Test
    void aTokenFromElsewhereGivesAnEmptyPageNotAnError() {
        Page<String> far = Page.slice(ALL, new PageRequest(3, 1, Cursor.after(Long.MAX_VALUE, "SMx")));
        assertThat(far.items()).isEmpty();
        Page<String> before = Page.slice(ALL, new PageRequest(3, 1, Cursor.before(-5, "SMx")));
        assertThat(before.items()).isEmpty();
        assertThat(Page.slice(ALL, new PageRequest(3, 0, before.next())).items()).containsExactly("a", "b", "c");
    }

    @Test
    void nextReadsForwardAndPreviousBackward() {
        assertThatThrownBy(() -> new Page<>(List.of(), Cursor.before(1, "x"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Page<>(List.of(), null, Cursor.after(1, "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withItemsKeepsTheLinks() {
        Page<String> second = Page.slice(ALL, new PageRequest(2, 1, null));
        Page<Integer> lengths = second.withItems(List.of(1, 1));
        assertThat(lengths.next()).isEqualTo(second.next());
        assertThat(lengths.previous()).isEqualTo(second.previous());
    }
}
