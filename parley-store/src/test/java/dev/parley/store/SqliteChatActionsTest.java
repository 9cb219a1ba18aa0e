package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatReads;
import dev.parley.core.chat.ChatRefusal;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.config.AddressConfigurationService;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.conversation.user.Role;
import dev.parley.core.conversation.user.RoleService;
import dev.parley.core.conversation.user.UserConversation;
import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Page;
import dev.parley.testing.AdjustableClock;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a web-chat identity does, on a real database: membership, roles, idempotent sends, history, read, typing. */
class SqliteChatActionsTest {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();
    /** The stores keep microseconds: a clock that reads no finer compares stored messages whole. */
    private final AdjustableClock clock = new AdjustableClock(java.time.Clock.tick(java.time.Clock.systemUTC(),
            java.time.Duration.ofNanos(1000)));
    private ChatWorld world;
    private Account account;
    private AccountService.NewKey key;
    private String service;
    private ChatIdentity alice;
    private ChatIdentity bob;
    private Conversation conv;

    @BeforeEach
    void setUp() {
        world = new ChatWorld(db.database(), clock);
        account = world.account();
        key = world.accounts.createKey(account.sid(), "chat");
        service = world.services.ensureDefault(account.sid()).sid();
        alice = identity("alice");
        bob = identity("bob");
        conv = conversation();
        join(conv, "alice", null);
        join(conv, "bob", null);
    }

    private ChatIdentity identity(String name) {
        return new ChatIdentity(account.sid(), service, name, key.key().sid(), clock.instant().plusSeconds(3600));
    }

    private Conversation conversation() {
        return world.conversations.create(account.sid(), service, new ConversationService.Changes(null, null, null,
                null, null, null, null));
    }

    private Participant join(Conversation c, String identity, String roleSid) {
        return world.participants.create(account.sid(), service, c.sid(), new ParticipantService.Creation(identity,
                null, null, null, null, roleSid));
    }

    private static ApiException refusal(ThrowableAssert.ThrowingCallable action) {
        return catchThrowableOfType(ApiException.class, action);
    }

    private List<ConversationMessage> everything(Conversation c) {
        return db.database().read(tx -> tx.conversationMessages().after(account.sid(), c.sid(), -1, 1000));
    }

    private java.util.Optional<String> clientMessageId(ConversationMessage m) {
        return db.database().read(tx -> tx.conversationMessages().clientMessageId(account.sid(), m.sid()));
    }

    @Test
    void sendStoresTheIdentitysMessageThroughTheConversationsIndex() {
        ConversationMessage m = world.chat.send(alice, conv.sid(), "c-1", "hello", null, List.of());

        assertThat(m.author()).isEqualTo("alice");
        assertThat(m.body()).isEqualTo("hello");
        assertThat(m.index()).isZero();
        assertThat(m.participantSid()).isEqualTo(world.chat.participants(alice, conv.sid()).stream()
                .filter(p -> "alice".equals(p.identity())).findFirst().orElseThrow().sid());
        assertThat(everything(conv)).containsExactly(m);
        assertThat(clientMessageId(m)).contains("c-1");
    }

    @Test
    void aRetriedClientMessageIdIsStoredOnceAndAnsweredWithTheFirstMessage() {
        ConversationMessage first = world.chat.send(alice, conv.sid(), "c-1", "hello", null, List.of());
        ConversationMessage retried = world.chat.send(alice, conv.sid(), "c-1", "hello", null, List.of());
        ConversationMessage bobs = world.chat.send(bob, conv.sid(), "c-1", "hello", null, List.of());
        ConversationMessage none1 = world.chat.send(alice, conv.sid(), null, "again", null, List.of());
        ConversationMessage none2 = world.chat.send(alice, conv.sid(), null, "again", null, List.of());

        assertThat(retried).isEqualTo(first);
        assertThat(bobs.sid()).isNotEqualTo(first.sid());
        assertThat(none1.sid()).isNotEqualTo(none2.sid());
        assertThat(everything(conv)).extracting(ConversationMessage::sid)
                .containsExactly(first.sid(), bobs.sid(), none1.sid(), none2.sid());
    }

    @Test
    void aClientMessageIdLongerThan64IsRefusedAndNothingIsWritten() {
        ApiException e = refusal(() -> world.chat.send(alice, conv.sid(), "x".repeat(65), "hi", null, List.of()));

        assertThat(e.code()).isEqualTo(20001);
        assertThat(everything(conv)).isEmpty();
    }

    @Test
    void aNonMemberIsRefused50430AndAConversationOfAnotherServiceIs20404() {
        ChatIdentity carol = identity("carol");
        assertThat(refusal(() -> world.chat.send(carol, conv.sid(), "c", "hi", null, List.of())).code())
                .isEqualTo(50430);
        assertThat(refusal(() -> world.chat.participants(carol, conv.sid())).httpStatus()).isEqualTo(403);
        assertThat(refusal(() -> world.chat.history(carol, conv.sid(), null, 10)).code()).isEqualTo(50430);
        assertThat(refusal(() -> world.chat.typing(carol, conv.sid())).code()).isEqualTo(50430);
        String elsewhere = world.services.create(account.sid(), "other").sid();
        ChatIdentity aliceElsewhere = new ChatIdentity(account.sid(), elsewhere, "alice", key.key().sid(),
                alice.expiresAt());
        assertThat(refusal(() -> world.chat.history(aliceElsewhere, conv.sid(), null, 10)).code()).isEqualTo(20404);
        assertThat(everything(conv)).isEmpty();
        assertThat(world.live.published).isEmpty();
    }

    @Test
    void aRoleWithoutSendMessageIsRefused50107AndNothingIsWritten() {
        Role readOnly = new RoleService(db.database(), world.ids, clock).create(account.sid(), service, "read only",
                "conversation", List.of("leaveConversation"));
        Conversation c = conversation();
        join(c, "dave", readOnly.sid());
        ChatIdentity dave = identity("dave");

        ApiException e = refusal(() -> world.chat.send(dave, c.sid(), "c-1", "hi", null, List.of()));

        assertThat(e.code()).isEqualTo(50107);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("sendMessage");
        assertThat(everything(c)).isEmpty();
    }

    @Test
    void anIdentityEditsAndDeletesItsOwnMessagesButNotOthersAsAChannelUser() {
        ConversationMessage mine = world.chat.send(alice, conv.sid(), null, "typo", null, List.of());
        ConversationMessage bobs = world.chat.send(bob, conv.sid(), null, "bob's", null, List.of());

        ConversationMessage edited = world.chat.edit(alice, conv.sid(), mine.sid(), "fixed", "{\"k\":1}");
        assertThat(edited.body()).isEqualTo("fixed");
        assertThat(edited.attributes()).isEqualTo("{\"k\":1}");
        assertThat(edited.author()).isEqualTo("alice");

        assertThat(refusal(() -> world.chat.edit(alice, conv.sid(), bobs.sid(), "mine now", null)).code())
                .isEqualTo(50107);
        assertThat(refusal(() -> world.chat.delete(alice, conv.sid(), bobs.sid())).code()).isEqualTo(50107);
        assertThat(refusal(() -> world.chat.delete(alice, conv.sid(), "IM" + "0".repeat(32))).code())
                .isEqualTo(20404);

        world.chat.delete(alice, conv.sid(), mine.sid());
        assertThat(everything(conv)).extracting(ConversationMessage::body).containsExactly("bob's");
        assertThat(clientMessageId(mine)).isEmpty();
    }

    @Test
    void historyPagesBackwardInAscendingOrderAndSinceReadsForward() {
        for (int i = 0; i < 5; i++) {
            world.chat.send(alice, conv.sid(), "c-" + i, "m" + i, null, List.of());
        }

        Page<ConversationMessage> newest = world.chat.history(alice, conv.sid(), null, 2);
        assertThat(newest.items()).extracting(ConversationMessage::index).containsExactly(3L, 4L);
        assertThat(newest.previous()).isNotNull();
        assertThat(newest.next()).isNull();
        Page<ConversationMessage> older = world.chat.history(alice, conv.sid(), 3L, 2);
        assertThat(older.items()).extracting(ConversationMessage::index).containsExactly(1L, 2L);
        Page<ConversationMessage> oldest = world.chat.history(alice, conv.sid(), 1L, 2);
        assertThat(oldest.items()).extracting(ConversationMessage::index).containsExactly(0L);
        assertThat(oldest.previous()).isNull();

        // What a resuming client is replayed (ChatHub reads it with ChatReads.after).
        assertThat(db.database().<List<ConversationMessage>>read(tx -> ChatReads.after(tx, account.sid(), conv.sid(), 1, 10)))
                .extracting(ConversationMessage::body).containsExactly("m2", "m3", "m4");
        assertThat(db.database().<List<ConversationMessage>>read(tx -> ChatReads.after(tx, account.sid(), conv.sid(), 1, 2)))
                .extracting(ConversationMessage::index).containsExactly(2L, 3L);
        assertThat(refusal(() -> world.chat.history(alice, conv.sid(), null, 101)).code()).isEqualTo(20001);
        assertThat(refusal(() -> world.chat.history(alice, conv.sid(), null, 0)).code()).isEqualTo(20001);
    }

    @Test
    void theReadHorizonOnlyMovesForwardAndGivesTheUnreadCount() {
        for (int i = 0; i < 5; i++) {
            world.chat.send(bob, conv.sid(), null, "m" + i, null, List.of());
        }

        assertThat(world.chat.read(alice, conv.sid(), 2).lastReadMessageIndex()).isEqualTo(2L);
        assertThat(world.chat.read(alice, conv.sid(), 1).lastReadMessageIndex()).isEqualTo(2L);

        List<UserConversation> mine = world.chat.conversations(alice);
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst().conversation().sid()).isEqualTo(conv.sid());
        assertThat(mine.getFirst().participant().lastReadMessageIndex()).isEqualTo(2L);
        assertThat(mine.getFirst().unreadMessagesCount()).isEqualTo(2L);
        assertThat(refusal(() -> world.chat.read(alice, conv.sid(), -1)).code()).isEqualTo(20001);
    }

    @Test
    void conversationsListsOnlyTheIdentitysOwnInItsService() {
        Conversation second = conversation();
        join(second, "alice", null);
        Conversation notMine = conversation();
        join(notMine, "bob", null);

        assertThat(world.chat.conversations(alice)).extracting(uc -> uc.conversation().sid())
                .containsExactlyInAnyOrder(conv.sid(), second.sid());
        assertThat(world.chat.conversations(identity("nobody"))).isEmpty();
    }

    @Test
    void typingPublishesAtOnceWithTheTypistAndStoresNothing() {
        world.chat.typing(alice, conv.sid());

        assertThat(world.live.published).hasSize(1);
        LiveEvent e = world.live.published.getFirst();
        assertThat(e.type()).isEqualTo(LiveEvent.TYPING);
        assertThat(e.accountSid()).isEqualTo(account.sid());
        assertThat(e.conversationSid()).isEqualTo(conv.sid());
        assertThat(e.identity()).isEqualTo("alice");
        assertThat(e.sid()).startsWith("MB");
        assertThat(everything(conv)).isEmpty();
    }

    @Test
    void aClosedConversationRefusesASend() {
        world.conversations.update(account.sid(), service, conv.sid(), new ConversationService.Changes(null, null,
                null, null, "closed", null, null));

        ApiException e = refusal(() -> world.chat.send(alice, conv.sid(), "c", "hi", null, List.of()));

        assertThat(e.code()).isEqualTo(ConversationService.closedError().code());
        assertThat(everything(conv)).isEmpty();
    }

    @Test
    void aDeletedKeyEndsWhatItsTokensAllow() {
        world.accounts.deleteKey(account.sid(), key.key().sid());

        ChatRefusal r = catchThrowableOfType(ChatRefusal.class, () -> world.chat.send(alice, conv.sid(), "c", "hi",
                null, List.of()));

        assertThat(r.closeCode()).isEqualTo(4401);
        assertThat(r.reason()).startsWith("20103 ");
        assertThat(everything(conv)).isEmpty();
    }

    private void chatAddress(String address, boolean enabled) {
        new AddressConfigurationService(db.database(), world.ids, clock).create(account.sid(),
                new AddressConfigurationService.Creation("chat", address, null, null,
                        new AddressConfigurationService.AutoCreationChanges(String.valueOf(enabled), "default", null,
                                null, null, null, null, null)));
    }

    @Test
    void startingOnAChatAddressCreatesOneConversationPerIdentityWhileItIsOpen() {
        chatAddress("support", true);

        Conversation first = world.chat.start(alice, "support", "I need help");
        Conversation again = world.chat.start(alice, "support", "still there?");
        Conversation bobs = world.chat.start(bob, "support", "");

        assertThat(again.sid()).isEqualTo(first.sid());
        assertThat(bobs.sid()).isNotEqualTo(first.sid());
        assertThat(first.chatServiceSid()).isEqualTo(service);
        assertThat(world.chat.participants(alice, first.sid())).extracting(Participant::identity)
                .containsExactly("alice");
        assertThat(everything(first)).extracting(ConversationMessage::author, ConversationMessage::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "I need help"),
                        org.assertj.core.groups.Tuple.tuple("alice", "still there?"));
        assertThat(everything(bobs)).isEmpty();

        world.conversations.update(account.sid(), service, first.sid(), new ConversationService.Changes(null, null,
                null, null, "closed", null, null));
        Conversation next = world.chat.start(alice, "support", "new question");
        assertThat(next.sid()).isNotIn(first.sid(), bobs.sid());
    }

    @Test
    void anUnknownOrDisabledChatAddressIs20404AndCreatesNothing() {
        chatAddress("sales", false);
        int before = world.chat.conversations(alice).size();

        assertThat(refusal(() -> world.chat.start(alice, "sales", "hi")).code()).isEqualTo(20404);
        assertThat(refusal(() -> world.chat.start(alice, "nowhere", "hi")).code()).isEqualTo(20404);
        assertThat(world.chat.conversations(alice)).hasSize(before);
    }

    @Test
    void aChatAddressIsANameNotANumber() {
        assertThat(refusal(() -> chatAddress("+14155550100", true)).code()).isEqualTo(20001);
        assertThat(refusal(() -> chatAddress("has space", true)).code()).isEqualTo(20001);
        chatAddress("help.desk", true);
        assertThat(new AddressConfigurationService(db.database(), world.ids, clock).fetch(account.sid(), "help.desk")
                .type()).isEqualTo("chat");
    }
}
