package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.hook.ScopedWebhook;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Conversation-scoped webhooks on one database: round trip, order, update, delete, account walls. */
interface ScopedWebhookStoreContract extends UsesDatabase {

    private static ScopedWebhook webhook(String account, String conversation, int second) {
        return new ScopedWebhook(Fixtures.sid("WH"), account, conversation, "webhook",
                new ScopedWebhook.Settings("https://example.com/" + second, "POST", List.of("onMessageAdded"),
                        List.of("help", "agent"), null, 3),
                T0.plusSeconds(second), T0.plusSeconds(second));
    }

    private Optional<ScopedWebhook> find(String account, String conversation, String sid) {
        return storage().read(tx -> tx.scopedWebhooks().find(account, conversation, sid));
    }

    private List<ScopedWebhook> list(String account, String conversation) {
        return storage().read(tx -> tx.scopedWebhooks().list(account, conversation));
    }

    @Test
    default void webhooksRoundTripInOrderAndStayWithTheirConversationAndAccount() {
        String account = Fixtures.sid("AC");
        String conversation = Fixtures.sid("CH");
        ScopedWebhook second = webhook(account, conversation, 2);
        ScopedWebhook first = webhook(account, conversation, 1);
        ScopedWebhook elsewhere = webhook(account, Fixtures.sid("CH"), 0);
        storage().writeVoid(tx -> {
            tx.scopedWebhooks().insert(second);
            tx.scopedWebhooks().insert(first);
            tx.scopedWebhooks().insert(elsewhere);
        });
        assertThat(list(account, conversation)).containsExactly(first, second);
        assertThat(find(account, conversation, first.sid())).contains(first);
        assertThat(find(account, elsewhere.conversationSid(), first.sid())).isEmpty();
        assertThat(find(Fixtures.sid("AC"), conversation, first.sid())).isEmpty();
        assertThat(list(Fixtures.sid("AC"), conversation)).isEmpty();

        ScopedWebhook changed = new ScopedWebhook(first.sid(), account, conversation, "webhook",
                new ScopedWebhook.Settings("https://example.com/changed", "GET", List.of(), List.of(),
                        "FW" + "0".repeat(32), null), first.dateCreated(), T0.plusSeconds(9));
        storage().writeVoid(tx -> tx.scopedWebhooks().update(changed));
        assertThat(find(account, conversation, first.sid())).contains(changed);

        Boolean otherAccount = storage().write(tx -> tx.scopedWebhooks().delete(Fixtures.sid("AC"), conversation,
                first.sid()));
        assertThat(otherAccount).isFalse();
        Boolean deleted = storage().write(tx -> tx.scopedWebhooks().delete(account, conversation, first.sid()));
        assertThat(deleted).isTrue();
        assertThat(list(account, conversation)).containsExactly(second);
    }
}
