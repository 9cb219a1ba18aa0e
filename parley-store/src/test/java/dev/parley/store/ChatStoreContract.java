package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.Account;
import dev.parley.core.account.ApiKey;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.config.AddressConfiguration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What web chat keeps (V26, V27): API key signing secrets, client message ids, message ranges, chat address starts. */
interface ChatStoreContract extends UsesDatabase {

    private Account account() {
        Account a = Fixtures.account(T0);
        storage().writeVoid(tx -> tx.accounts().insert(a));
        return a;
    }

    private Conversation conversation(Account a) {
        Conversation c = new Conversation(Fixtures.sid("CH"), a.sid(), Fixtures.sid("IS"), null, null, null, "{}",
                ConversationState.ACTIVE, Conversation.Timers.NONE, T0, T0);
        storage().writeVoid(tx -> tx.conversations().insert(c));
        return c;
    }

    private ConversationMessage message(Conversation c, long index) {
        ConversationMessage m = new ConversationMessage(Fixtures.sid("IM"), c.accountSid(), c.sid(),
                c.chatServiceSid(), index, "alice", "body " + index, List.of(), "{}", null, T0, T0);
        storage().writeVoid(tx -> tx.conversationMessages().insert(m));
        return m;
    }

    private Optional<String> secret(String keySid) {
        return storage().read(tx -> tx.accounts().signingSecret(keySid));
    }

    private boolean record(Conversation c, String identity, String clientMessageId, String messageSid) {
        return storage().write(tx -> tx.conversationMessages().recordClientMessageId(c.accountSid(), c.sid(),
                identity, clientMessageId, messageSid, T0));
    }

    private Optional<String> sent(Conversation c, String identity, String clientMessageId) {
        return storage().read(tx -> tx.conversationMessages().findByClientMessageId(c.accountSid(), c.sid(), identity,
                clientMessageId));
    }

    private Optional<String> clientId(String accountSid, String messageSid) {
        return storage().read(tx -> tx.conversationMessages().clientMessageId(accountSid, messageSid));
    }

    private List<ConversationMessage> before(Conversation c, long index, int max) {
        return storage().read(tx -> tx.conversationMessages().before(c.accountSid(), c.sid(), index, max));
    }

    private List<ConversationMessage> after(Conversation c, long index, int max) {
        return storage().read(tx -> tx.conversationMessages().after(c.accountSid(), c.sid(), index, max));
    }

    private List<String> starts(String accountSid, String address, String identity) {
        return storage().read(tx -> tx.conversationConfig().chatStarts(accountSid, address, identity));
    }

    @Test
    default void aKeysSigningSecretIsKeptUntilTheKeyIsDeleted() {
        Account a = account();
        ApiKey key = new ApiKey(Fixtures.sid("SK"), a.sid(), null, "hash", T0, T0);
        ApiKey old = new ApiKey(Fixtures.sid("SK"), a.sid(), null, "hash", T0, T0);
        storage().writeVoid(tx -> {
            tx.accounts().insertKey(key);
            tx.accounts().keepSigningSecret(key.sid(), "0123456789abcdef0123456789abcdef");
            tx.accounts().insertKey(old);
        });

        assertThat(secret(key.sid()))
                .contains("0123456789abcdef0123456789abcdef");
        assertThat(secret(old.sid())).isEmpty();
        Optional<ApiKey> found = storage().read(tx -> tx.accounts().findKey(key.sid()));
        assertThat(found).contains(key);

        storage().writeVoid(tx -> tx.accounts().deleteKey(a.sid(), key.sid()));
        assertThat(secret(key.sid())).isEmpty();
    }

    @Test
    default void aClientMessageIdIsRecordedOncePerIdentityAndConversation() {
        Account a = account();
        Conversation c = conversation(a);
        Conversation other = conversation(a);
        ConversationMessage m = message(c, 0);
        ConversationMessage n = message(c, 1);

        assertThat(record(c, "alice", "c-1", m.sid())).isTrue();
        assertThat(record(c, "alice", "c-1", n.sid())).isFalse();
        assertThat(record(c, "bob", "c-1", n.sid())).isTrue();

        assertThat(sent(c, "alice", "c-1")).contains(m.sid());
        assertThat(sent(other, "alice", "c-1")).isEmpty();
        assertThat(clientId(a.sid(), n.sid()))
                .contains("c-1");
        assertThat(clientId(a.sid(), Fixtures.sid("IM")))
                .isEmpty();
    }

    @Test
    default void aClientMessageIdGoesWithItsMessageAndItsConversation() {
        Account a = account();
        Conversation c = conversation(a);
        ConversationMessage m = message(c, 0);
        ConversationMessage n = message(c, 1);
        storage().writeVoid(tx -> {
            tx.conversationMessages().recordClientMessageId(a.sid(), c.sid(), "alice", "c-1", m.sid(), T0);
            tx.conversationMessages().recordClientMessageId(a.sid(), c.sid(), "alice", "c-2", n.sid(), T0);
        });

        storage().writeVoid(tx -> tx.conversationMessages().delete(a.sid(), c.sid(), m.sid()));
        assertThat(sent(c, "alice", "c-1")).isEmpty();

        storage().writeVoid(tx -> tx.conversations().delete(a.sid(), c.sid()));
        Optional<String> gone = clientId(a.sid(), n.sid());
        assertThat(gone).isEmpty();
    }

    @Test
    default void beforeReadsNewestFirstAndAfterInIndexOrder() {
        Account a = account();
        Conversation c = conversation(a);
        for (int i = 0; i < 6; i++) {
            message(c, i);
        }
        message(conversation(a), 0);

        assertThat(before(c, 4, 3))
                .extracting(ConversationMessage::index).containsExactly(3L, 2L, 1L);
        assertThat(before(c, Long.MAX_VALUE, 2))
                .extracting(ConversationMessage::index).containsExactly(5L, 4L);
        assertThat(after(c, 2, 10))
                .extracting(ConversationMessage::index).containsExactly(3L, 4L, 5L);
        assertThat(after(c, -1, 2))
                .extracting(ConversationMessage::index).containsExactly(0L, 1L);
    }

    @Test
    default void chatStartsAreListedNewestFirstPerAddressAndIdentity() {
        Account a = account();
        String address = Fixtures.sid("IG");
        storage().writeVoid(tx -> {
            tx.conversationConfig().recordChatStart(a.sid(), address, "alice", "CH1", T0);
            tx.conversationConfig().recordChatStart(a.sid(), address, "alice", "CH2", T0.plusSeconds(5));
            tx.conversationConfig().recordChatStart(a.sid(), address, "bob", "CH3", T0);
            tx.conversationConfig().recordChatStart(a.sid(), Fixtures.sid("IG"), "alice", "CH4", T0);
        });

        assertThat(starts(a.sid(), address, "alice"))
                .containsExactly("CH2", "CH1");
        assertThat(starts(a.sid(), address, "carol")).isEmpty();
    }

    @Test
    default void deletingAnAddressConfigurationForgetsTheChatStartsOnIt() {
        Account a = account();
        AddressConfiguration config = new AddressConfiguration(Fixtures.sid("IG"), a.sid(), "chat", "support", null,
                null, new AddressConfiguration.AutoCreation(true, "default", null, null, null, List.of(), null, null),
                T0, T0);
        storage().writeVoid(tx -> {
            tx.conversationConfig().insertAddress(config);
            tx.conversationConfig().recordChatStart(a.sid(), config.sid(), "alice", "CH1", T0);
        });

        storage().writeVoid(tx -> tx.conversationConfig().deleteAddress(a.sid(), config.sid()));

        assertThat(starts(a.sid(), config.sid(), "alice")).isEmpty();
    }
}
