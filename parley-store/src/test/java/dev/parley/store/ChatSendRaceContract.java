package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.participant.ParticipantService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The same send retried many times at once (a client resending on a flaky link) is stored once, on both databases. */
interface ChatSendRaceContract extends UsesDatabase {

    @Test
    default void concurrentRetriesOfOneClientMessageIdStoreOneMessage() throws Exception {
        ChatWorld world = new ChatWorld(storage(), Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)));
        Account account = world.account();
        AccountService.NewKey key = world.accounts.createKey(account.sid(), "chat");
        String service = world.services.ensureDefault(account.sid()).sid();
        Conversation c = world.conversations.create(account.sid(), service, new ConversationService.Changes(null,
                null, null, null, null, null, null));
        world.participants.create(account.sid(), service, c.sid(), new ParticipantService.Creation("alice", null,
                null, null, null, null));
        ChatIdentity alice = new ChatIdentity(account.sid(), service, "alice", key.key().sid(),
                world.clock.instant().plusSeconds(600));
        int senders = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ConversationMessage>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            for (int i = 0; i < senders; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return world.chat.send(alice, c.sid(), "same-id", "only once", null, List.of());
                }));
            }
            start.countDown();
            List<String> sids = new ArrayList<>();
            for (Future<ConversationMessage> answer : answers) {
                sids.add(answer.get().sid());
            }
            List<ConversationMessage> stored = storage().read(tx -> tx.conversationMessages().after(account.sid(),
                    c.sid(), -1, 100));
            assertThat(stored).hasSize(1);
            assertThat(sids).containsOnly(stored.getFirst().sid());
            assertThat(stored.getFirst().index()).isZero();
        }
    }
}
