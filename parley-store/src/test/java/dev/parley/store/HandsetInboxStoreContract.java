package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

interface HandsetInboxStoreContract extends UsesDatabase {

    private static Message delivered(String account, String from, String handset, Instant at, List<String> media) {
        return new Message(Fixtures.sid("MM"), account, null, from, handset, "see you there", media, 1,
                Direction.INBOUND, MessageStatus.RECEIVED, null, null, null, null, Channels.SIMULATOR, null,
                Message.StatusCallback.NONE, at, at, at, List.of("+14155550100", "+12025550103"));
    }

    private Page<Message> list(String account, String handset, PageRequest page) {
        return storage().read(tx -> tx.handsetInbox().list(account, handset, page));
    }

    @Test
    default void aDeliveryRoundTripsWithItsGroupAndMedia() {
        String account = Fixtures.sid("AC");
        Message m = delivered(account, "+12025550101", "+12025550102", T0, List.of("https://example.com/a.jpg"));
        storage().writeVoid(tx -> tx.handsetInbox().insert(m));
        // The handset received the media with the message: its num_media counts them.
        assertThat(list(account, "+12025550102", PageRequest.first(5)).items()).containsExactly(m.withNumMedia(1));
    }

    @Test
    default void deliveriesPageNewestFirstPerAccountAndHandset() {
        String account = Fixtures.sid("AC");
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(delivered(account, "+12025550101", "+12025550102", T0.plusSeconds(i), List.of()));
        }
        Message elsewhere = delivered(account, "+12025550101", "+12025550109", T0, List.of());
        storage().writeVoid(tx -> {
            all.forEach(tx.handsetInbox()::insert);
            tx.handsetInbox().insert(elsewhere);
        });
        List<Message> seen = new ArrayList<>();
        PageRequest req = PageRequest.first(2);
        while (req != null) {
            Page<Message> page = list(account, "+12025550102", req);
            seen.addAll(page.items());
            req = page.next() == null ? null : new PageRequest(2, req.page() + 1, page.next());
        }
        assertThat(seen).containsExactlyElementsOf(all.reversed());
        assertThat(list(Fixtures.sid("AC"), "+12025550102", PageRequest.first(5)).items()).isEmpty();
    }
}
