package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Conversation media on one database: round trip, service and account walls, attached once. */
interface ConversationMediaStoreContract extends UsesDatabase {

    private static ConversationMedia media(String account, String service) {
        return new ConversationMedia(Fixtures.sid("ME"), account, service, "image/png", "cat.png", 1234, "agent",
                null, null, T0, T0);
    }

    private Optional<ConversationMedia> find(String account, String service, String sid) {
        return storage().read(tx -> tx.conversationMedia().find(account, service, sid));
    }

    @Test
    default void mediaRoundTripsAndStaysInItsServiceAndAccount() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        ConversationMedia m = media(account, service);
        ConversationMedia other = new ConversationMedia(Fixtures.sid("ME"), account, service, "text/vcard", null, 10,
                null, null, null, T0, T0);
        storage().writeVoid(tx -> {
            tx.conversationMedia().insert(m);
            tx.conversationMedia().insert(other);
        });
        assertThat(find(account, service, m.sid())).contains(m);
        assertThat(find(account, service, other.sid())).contains(other);
        assertThat(find(account, Fixtures.sid("IS"), m.sid())).isEmpty();
        assertThat(find(Fixtures.sid("AC"), service, m.sid())).isEmpty();
        List<ConversationMedia> both = storage().read(tx -> tx.conversationMedia().all(account,
                List.of(m.sid(), other.sid())));
        assertThat(both).containsExactlyInAnyOrder(m, other);
        List<ConversationMedia> strangers = storage().read(tx -> tx.conversationMedia().all(Fixtures.sid("AC"),
                List.of(m.sid())));
        assertThat(strangers).isEmpty();
        List<ConversationMedia> none = storage().read(tx -> tx.conversationMedia().all(account, List.of()));
        assertThat(none).isEmpty();
    }

    @Test
    default void mediaIsAttachedToOneMessageOnly() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        ConversationMedia m = media(account, service);
        storage().writeVoid(tx -> tx.conversationMedia().insert(m));
        ConversationMedia attached = m.attachedTo(Fixtures.sid("CH"), Fixtures.sid("IM"), T0.plusSeconds(5));
        ConversationMedia again = m.attachedTo(Fixtures.sid("CH"), Fixtures.sid("IM"), T0.plusSeconds(9));
        ConversationMedia strangers = new ConversationMedia(m.sid(), Fixtures.sid("AC"), service, "image/png", null,
                1, null, null, null, T0, T0).attachedTo(Fixtures.sid("CH"), Fixtures.sid("IM"), T0);

        Boolean byStrangers = storage().write(tx -> tx.conversationMedia().attach(strangers));
        assertThat(byStrangers).isFalse();
        Boolean first = storage().write(tx -> tx.conversationMedia().attach(attached));
        assertThat(first).isTrue();
        Boolean second = storage().write(tx -> tx.conversationMedia().attach(again));
        assertThat(second).isFalse();
        assertThat(find(account, service, m.sid())).contains(attached);
        assertThat(attached.attached()).isTrue();
    }

    @Test
    default void aServicesMediaAreListedOldestFirstInPagesAndDeletedOneByOne() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        List<ConversationMedia> media = List.of(
                new ConversationMedia(Fixtures.sid("ME"), account, service, "image/png", "a", 1, null, null, null, T0,
                        T0),
                new ConversationMedia(Fixtures.sid("ME"), account, service, "image/png", "b", 1, null, null, null,
                        T0.plusSeconds(1), T0),
                new ConversationMedia(Fixtures.sid("ME"), account, service, "image/png", "c", 1, null, null, null,
                        T0.plusSeconds(2), T0));
        storage().writeVoid(tx -> {
            media.reversed().forEach(tx.conversationMedia()::insert);
            tx.conversationMedia().insert(media(account, Fixtures.sid("IS")));
            tx.conversationMedia().insert(media(Fixtures.sid("AC"), service));
        });
        Page<ConversationMedia> first = storage().read(tx -> tx.conversationMedia().list(account, service,
                new PageRequest(2, 0, null)));
        assertThat(first.items()).containsExactly(media.get(0), media.get(1));
        Page<ConversationMedia> second = storage().read(tx -> tx.conversationMedia().list(account, service,
                new PageRequest(2, 1, first.next())));
        assertThat(second.items()).containsExactly(media.get(2));
        assertThat(second.next()).isNull();

        Boolean elsewhere = storage().write(tx -> tx.conversationMedia().delete(account, Fixtures.sid("IS"),
                media.get(1).sid()));
        assertThat(elsewhere).isFalse();
        Boolean deleted = storage().write(tx -> tx.conversationMedia().delete(account, service, media.get(1).sid()));
        assertThat(deleted).isTrue();
        assertThat(find(account, service, media.get(1).sid())).isEmpty();
        Boolean again = storage().write(tx -> tx.conversationMedia().delete(account, service, media.get(1).sid()));
        assertThat(again).isFalse();
    }

    @Test
    default void theMediaAttachedToAConversationsMessagesAreFoundByConversation() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        String conversation = Fixtures.sid("CH");
        ConversationMedia one = media(account, service).attachedTo(conversation, Fixtures.sid("IM"), T0);
        ConversationMedia two = media(account, service).attachedTo(conversation, Fixtures.sid("IM"), T0);
        ConversationMedia loose = media(account, service);
        ConversationMedia elsewhere = media(account, service).attachedTo(Fixtures.sid("CH"), Fixtures.sid("IM"), T0);
        storage().writeVoid(tx -> List.of(one, two, loose, elsewhere).forEach(tx.conversationMedia()::insert));
        List<ConversationMedia> found = storage().read(tx -> tx.conversationMedia().ofConversation(account,
                conversation));
        assertThat(found).containsExactlyInAnyOrder(one, two);
        List<ConversationMedia> strangers = storage().read(tx -> tx.conversationMedia().ofConversation(
                Fixtures.sid("AC"), conversation));
        assertThat(strangers).isEmpty();
    }

    @Test
    default void deletingAChatServiceDeletesItsMediaRows() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        ConversationMedia gone = media(account, service);
        ConversationMedia kept = media(account, Fixtures.sid("IS"));
        storage().writeVoid(tx -> {
            tx.conversationMedia().insert(gone);
            tx.conversationMedia().insert(kept);
            tx.chatServices().delete(account, service);
        });
        assertThat(find(account, service, gone.sid())).isEmpty();
        assertThat(find(account, kept.chatServiceSid(), kept.sid())).contains(kept);
    }
}
