package dev.parley.core.conversation.user;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversations a user takes part in ({@code /Users/{UserSid}/Conversations}) and those of any chat identity
 * or SMS/WhatsApp address ({@code /ParticipantConversations}), with the unread count and notification level of the
 * participant. Leaving a conversation removes the user's participant from it.
 */
public final class UserConversationService {
    private final Storage storage;
    private final Clock clock;

    public UserConversationService(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** What an update sets; null leaves a field as it is. */
    public record Changes(String notificationLevel, Integer lastReadMessageIndex, String lastReadTimestamp) {
    }

    public Page<UserConversation> list(String accountSid, String serviceSid, String user, PageRequest page) {
        return storage.read(tx -> {
            ConversationUser u = UserService.find(tx, accountSid, serviceSid, user);
            return view(tx, tx.users().participantsOf(accountSid, serviceSid, u.identity(), null, page));
        });
    }

    public UserConversation fetch(String accountSid, String serviceSid, String user, String conversation) {
        return storage.read(tx -> one(tx, accountSid, serviceSid, user, conversation));
    }

    public UserConversation update(String accountSid, String serviceSid, String user, String conversation,
            Changes c) {
        String level = c.notificationLevel() == null || c.notificationLevel().isBlank() ? null
                : c.notificationLevel().strip();
        if (level != null && !level.equals("default") && !level.equals("muted")) {
            throw ApiException.badRequest(20001, "NotificationLevel must be default or muted, not " + level);
        }
        if (c.lastReadMessageIndex() != null && c.lastReadMessageIndex() < 0) {
            throw ApiException.badRequest(20001, "LastReadMessageIndex must not be negative");
        }
        return storage.write(tx -> {
            UserConversation uc = one(tx, accountSid, serviceSid, user, conversation);
            Participant p = uc.participant();
            if (c.lastReadMessageIndex() != null || c.lastReadTimestamp() != null) {
                Participant read = p.withReadHorizon(c.lastReadMessageIndex() != null
                        ? Long.valueOf(c.lastReadMessageIndex()) : p.lastReadMessageIndex(),
                        c.lastReadTimestamp() != null ? c.lastReadTimestamp() : p.lastReadTimestamp(), clock.instant());
                tx.conversations().updateParticipant(read);
                LiveEvent.participantChanged(p, read).forEach(tx.liveEvents()::publish);
            }
            if (level != null) {
                tx.users().setNotificationLevel(accountSid, p.sid(), level);
            }
            return one(tx, accountSid, serviceSid, user, conversation);
        });
    }

    /** The user leaves the conversation: its participant is removed. */
    public void leave(String accountSid, String serviceSid, String user, String conversation) {
        storage.writeVoid(tx -> {
            Participant p = one(tx, accountSid, serviceSid, user, conversation).participant();
            tx.conversations().deleteParticipant(accountSid, p.conversationSid(), p.sid());
            tx.liveEvents().publish(LiveEvent.participantLeft(p));
        });
    }

    /** The conversations of a chat identity or else an SMS/WhatsApp address (exactly one must be given). */
    public Page<UserConversation> ofParticipant(String accountSid, String serviceSid, String identity,
            String address, PageRequest page) {
        boolean byIdentity = identity != null && !identity.isBlank();
        boolean byAddress = address != null && !address.isBlank();
        if (byIdentity == byAddress) {
            throw ApiException.badRequest(20001, "Either Identity or Address must be given, not both and not neither");
        }
        String wire = byAddress ? ChannelAddress.parse(address.strip()).map(ChannelAddress::wire)
                .orElseThrow(() -> ApiException.badRequest(20001, "Address " + address + " is not a valid address"))
                : null;
        return storage.read(tx -> view(tx, tx.users().participantsOf(accountSid, serviceSid,
                byIdentity ? identity : null, wire, page)));
    }

    private static UserConversation one(Tx tx, String accountSid, String serviceSid, String user,
            String conversation) {
        ConversationUser u = UserService.find(tx, accountSid, serviceSid, user);
        Conversation conv = ConversationService.find(tx, accountSid, serviceSid, conversation);
        Participant p = tx.conversations().findParticipantByIdentity(accountSid, conv.sid(), u.identity())
                .orElseThrow(() -> ApiException.notFound("/Users/" + u.sid() + "/Conversations/" + conversation));
        return view(tx, p, u, conv);
    }

    private static Page<UserConversation> view(Tx tx, Page<Participant> participants) {
        List<UserConversation> out = new ArrayList<>();
        for (Participant p : participants.items()) {
            Conversation conv = tx.conversations().find(p.accountSid(), p.conversationSid()).orElseThrow();
            ConversationUser u = p.identity() == null ? null
                    : tx.users().findByIdentity(p.accountSid(), p.chatServiceSid(), p.identity()).orElse(null);
            out.add(view(tx, p, u, conv));
        }
        return participants.withItems(out);
    }

    private static UserConversation view(Tx tx, Participant p, ConversationUser u, Conversation conv) {
        Long unread = p.lastReadMessageIndex() == null ? null
                : tx.users().countMessagesAfter(p.accountSid(), conv.sid(), p.lastReadMessageIndex());
        return new UserConversation(p, u, conv, unread, tx.users().notificationLevel(p.accountSid(), p.sid()));
    }
}
