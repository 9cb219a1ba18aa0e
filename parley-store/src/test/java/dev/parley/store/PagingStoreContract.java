package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Paging both ways over the stores' (created, sid) key: next ({@code PA}) and previous ({@code PB}) cursors, newest and
 * oldest first, from cursors and from offsets, under inserts.
 */
interface PagingStoreContract extends UsesDatabase {

    private List<Message> messages(String account, int n) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Pairs share a creation time: the SID breaks the tie.
            all.add(Fixtures.message(account, T0.plusMillis(i / 2)));
        }
        insert(all);
        return all.stream().sorted(Comparator.comparing(Message::dateCreated).thenComparing(Message::sid).reversed())
                .toList();
    }

    private void insert(List<Message> messages) {
        storage().writeVoid(tx -> messages.forEach(m -> tx.messages().insert(m)));
    }

    private Page<Message> list(String account, MessageFilter filter, PageRequest req) {
        return storage().read(tx -> tx.messages().list(account, filter, req));
    }

    private static List<String> sids(Page<Message> page) {
        return page.items().stream().map(Message::sid).toList();
    }

    private static List<String> sids(List<Message> messages, int from, int to) {
        return messages.subList(from, to).stream().map(Message::sid).toList();
    }

    @Test
    default void newestFirstWalksForwardThenBackThenForwardToTheSamePages() {
        String account = Fixtures.sid("AC");
        List<Message> all = messages(account, 11);
        Function<PageRequest, Page<Message>> read = r -> list(account, MessageFilter.ALL, r);

        List<Page<Message>> forward = walk(read, PageRequest.first(4));
        assertThat(forward).extracting(PagingStoreContract::sids).containsExactly(sids(all, 0, 4), sids(all, 4, 8),
                sids(all, 8, 11));
        assertThat(forward.getFirst().previous()).isNull();
        assertThat(forward.getLast().next()).isNull();

        Page<Message> middle = read.apply(new PageRequest(4, 1, forward.getLast().previous()));
        assertThat(sids(middle)).isEqualTo(sids(forward.get(1)));
        Page<Message> first = read.apply(new PageRequest(4, 0, middle.previous()));
        assertThat(sids(first)).isEqualTo(sids(forward.getFirst()));
        assertThat(first.previous()).as("the first page, reached backward").isNull();
        assertThat(first.next()).isEqualTo(forward.getFirst().next());

        Page<Message> again = read.apply(new PageRequest(4, 1, first.next()));
        assertThat(sids(again)).isEqualTo(sids(middle));
        assertThat(sids(read.apply(new PageRequest(4, 2, again.next())))).isEqualTo(sids(forward.getLast()));
    }

    @Test
    default void oldestFirstAndNewestFirstByIndexPageBothWays() {
        Conversation c = new Conversation(Fixtures.sid("CH"), Fixtures.sid("AC"), Fixtures.sid("IS"), null, "Paging",
                null, "{}", ConversationState.ACTIVE, Conversation.Timers.NONE, T0, T0);
        storage().writeVoid(tx -> {
            tx.conversations().insert(c);
            for (long i = 0; i < 7; i++) {
                tx.conversationMessages().insert(new ConversationMessage(Fixtures.sid("IM"), c.accountSid(), c.sid(),
                        c.chatServiceSid(), i, "author", "body " + i, List.of(), "{}", null, T0, T0));
            }
        });
        for (boolean descending : new boolean[] {false, true}) {
            Function<PageRequest, Page<ConversationMessage>> read = r -> storage().read(tx -> tx.conversationMessages()
                    .list(c.accountSid(), c.sid(), descending, r));
            List<List<Long>> expected = descending ? List.of(List.of(6L, 5L, 4L), List.of(3L, 2L, 1L), List.of(0L))
                    : List.of(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L), List.of(6L));
            List<Page<ConversationMessage>> forward = walk(read, PageRequest.first(3));
            assertThat(forward).extracting(p -> p.items().stream().map(ConversationMessage::index).toList())
                    .as("descending=" + descending).containsExactlyElementsOf(expected);

            List<List<Long>> backward = new ArrayList<>();
            Page<ConversationMessage> page = forward.getLast();
            int number = 2;
            while (page.previous() != null) {
                page = read.apply(new PageRequest(3, --number, page.previous()));
                backward.addFirst(page.items().stream().map(ConversationMessage::index).toList());
            }
            assertThat(backward).as("descending=" + descending).containsExactlyElementsOf(expected.subList(0, 2));
            assertThat(page.next()).isEqualTo(forward.getFirst().next());
        }
    }

    @Test
    default void aPreviousPageStaysPutWhenNewerRowsArrive() {
        String account = Fixtures.sid("AC");
        List<Message> all = messages(account, 10);
        Function<PageRequest, Page<Message>> read = r -> list(account, MessageFilter.ALL, r);
        List<Page<Message>> forward = walk(read, PageRequest.first(4));

        List<Message> newer = List.of(Fixtures.message(account, T0.plusSeconds(60)),
                Fixtures.message(account, T0.plusSeconds(61)));
        insert(newer);
        Page<Message> second = read.apply(new PageRequest(4, 1, forward.get(2).previous()));
        assertThat(sids(second)).isEqualTo(sids(all, 4, 8));
        Page<Message> first = read.apply(new PageRequest(4, 0, second.previous()));
        assertThat(sids(first)).isEqualTo(sids(all, 0, 4));
        assertThat(first.previous()).as("the rows that arrived since").isNotNull();
        Page<Message> newest = read.apply(new PageRequest(4, 0, first.previous()));
        assertThat(sids(newest)).containsExactly(newer.get(1).sid(), newer.get(0).sid());
        assertThat(newest.previous()).isNull();
        assertThat(sids(read.apply(new PageRequest(4, 1, newest.next())))).isEqualTo(sids(all, 0, 4));
    }

    @Test
    default void aPageReachedByOffsetLinksBothWays() {
        String account = Fixtures.sid("AC");
        List<Message> all = messages(account, 10);
        Function<PageRequest, Page<Message>> read = r -> list(account, MessageFilter.ALL, r);

        Page<Message> second = read.apply(new PageRequest(4, 1, null));
        assertThat(sids(second)).isEqualTo(sids(all, 4, 8));
        Page<Message> first = read.apply(new PageRequest(4, 0, second.previous()));
        assertThat(sids(first)).isEqualTo(sids(all, 0, 4));
        assertThat(first.previous()).isNull();
        assertThat(sids(read.apply(new PageRequest(4, 2, second.next())))).isEqualTo(sids(all, 8, 10));

        // Past the end there is no row to point from: the page before is the list's last page.
        Page<Message> beyond = read.apply(new PageRequest(4, 7, null));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.next()).isNull();
        Page<Message> last = read.apply(new PageRequest(4, 6, beyond.previous()));
        assertThat(sids(last)).isEqualTo(sids(all, 6, 10));
        assertThat(last.next()).isNull();
        assertThat(sids(read.apply(new PageRequest(4, 5, last.previous())))).isEqualTo(sids(all, 2, 6));
    }

    @Test
    default void emptyPagesAtEitherEndPointBackIntoTheList() {
        String account = Fixtures.sid("AC");
        List<Message> all = messages(account, 5);
        Function<PageRequest, Page<Message>> read = r -> list(account, MessageFilter.ALL, r);
        Message oldest = all.getLast();
        Message newest = all.getFirst();

        Page<Message> afterOldest = read.apply(new PageRequest(2, 3, Cursor.after(micros(oldest), oldest.sid())));
        assertThat(afterOldest.items()).isEmpty();
        assertThat(afterOldest.next()).isNull();
        assertThat(sids(read.apply(new PageRequest(2, 2, afterOldest.previous())))).isEqualTo(sids(all, 3, 5));

        Page<Message> beforeNewest = read.apply(new PageRequest(2, 0, Cursor.before(micros(newest), newest.sid())));
        assertThat(beforeNewest.items()).isEmpty();
        assertThat(beforeNewest.previous()).isNull();
        assertThat(sids(read.apply(new PageRequest(2, 1, beforeNewest.next())))).isEqualTo(sids(all, 0, 2));

        Page<Message> nothing = list(Fixtures.sid("AC"), MessageFilter.ALL, new PageRequest(2, 3, null));
        assertThat(nothing.items()).isEmpty();
        assertThat(nothing.previous()).isNull();
        assertThat(nothing.next()).isNull();
    }

    @Test
    default void theLinksOfAFilteredListSeeOnlyItsRows() {
        String account = Fixtures.sid("AC");
        List<Message> mine = new ArrayList<>();
        List<Message> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Every other row is to another number, and the oldest and newest rows are not the filter's.
            boolean match = i % 2 == 1 && i < 7;
            Message m = Fixtures.message(account, "+14155550100", match ? "+14155550111" : "+14155550122",
                    T0.plusMillis(i));
            rows.add(m);
            if (match) {
                mine.addFirst(m);
            }
        }
        insert(rows);
        MessageFilter to = new MessageFilter("+14155550111", null, null, null);
        Function<PageRequest, Page<Message>> read = r -> list(account, to, r);
        Page<Message> first = read.apply(PageRequest.first(2));
        Page<Message> second = read.apply(new PageRequest(2, 1, first.next()));
        assertThat(sids(second)).isEqualTo(sids(mine, 2, 3));
        assertThat(second.next()).as("a row to another number lies beyond").isNull();
        Page<Message> back = read.apply(new PageRequest(2, 0, second.previous()));
        assertThat(sids(back)).isEqualTo(sids(mine, 0, 2));
        assertThat(back.previous()).as("a row to another number lies before").isNull();
        assertThat(back.next()).isEqualTo(first.next());
    }

    private static long micros(Message m) {
        return m.dateCreated().getEpochSecond() * 1_000_000 + m.dateCreated().getNano() / 1_000;
    }

    /** Every page from {@code first} on, following the next cursors. */
    private static <T> List<Page<T>> walk(Function<PageRequest, Page<T>> read, PageRequest first) {
        List<Page<T>> pages = new ArrayList<>();
        PageRequest req = first;
        while (req != null) {
            Page<T> page = read.apply(req);
            pages.add(page);
            req = page.next() == null ? null : new PageRequest(req.size(), req.page() + 1, page.next());
        }
        return pages;
    }
}
