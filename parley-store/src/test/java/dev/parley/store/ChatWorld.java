package dev.parley.store;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.billing.ActiveConversationFee;
import dev.parley.core.billing.PriceTable;
import dev.parley.core.chat.ChatActions;
import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationTimers;
import dev.parley.core.conversation.hook.ConversationEvents;
import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.live.LiveFeed;
import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.tx.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The services web chat acts through, on a real database, as the server wires them (no pre-event hook client and no
 * media files: these tests configure neither), with a live feed that records what is published.
 */
final class ChatWorld {
    final Storage storage;
    final Clock clock;
    final RandomIdGenerator ids = new RandomIdGenerator();
    final AccountService accounts;
    final ChatServiceService services;
    final ConversationService conversations;
    final ParticipantService participants;
    final ConversationMessageService messages;
    final RecordingFeed live = new RecordingFeed();
    final ChatActions chat;

    ChatWorld(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
        accounts = new AccountService(storage, ids, clock);
        ConversationEvents events = new ConversationEvents(ids, clock, 3, new PreEventHooks(storage, null, ids,
                clock));
        ConversationTimers timers = new ConversationTimers(storage, ids, clock);
        ConversationMediaService media = new ConversationMediaService(storage, null, ids, clock);
        services = new ChatServiceService(storage, ids, clock, media);
        conversations = new ConversationService(storage, ids, clock, timers, events, media);
        participants = new ParticipantService(storage, ids, clock, events);
        messages = new ConversationMessageService(storage, ids, clock, new ConversationMessageService.Parts(timers,
                events, media, new ActiveConversationFee(PriceTable.bundled(), clock), 3));
        chat = new ChatActions(storage, ids, clock, new ChatActions.Parts(conversations, participants, messages,
                live));
    }

    /** A new active account. */
    Account account() {
        Account a = Fixtures.account(clock.instant());
        storage.writeVoid(tx -> tx.accounts().insert(a));
        return a;
    }

    /** A token as a Twilio backend mints it with twilio-java, for the account's new key. */
    static String token(AccountService.NewKey key, String accountSid, String identity, String serviceSid) {
        return mint(key, accountSid).identity(identity).grant(new ChatGrant().setServiceSid(serviceSid)).build()
                .toJwt();
    }

    static AccessToken.Builder mint(AccountService.NewKey key, String accountSid) {
        return new AccessToken.Builder(accountSid, key.key().sid(), key.secret().getBytes(StandardCharsets.UTF_8));
    }

    /** A live feed that keeps what is published at once. */
    static final class RecordingFeed implements LiveFeed {
        final List<LiveEvent> published = new CopyOnWriteArrayList<>();

        @Override
        public void subscribe(Consumer<LiveEvent> listener) {
            throw new UnsupportedOperationException("chat actions never subscribe");
        }

        @Override
        public void publishNow(LiveEvent event) {
            published.add(event);
        }
    }
}
