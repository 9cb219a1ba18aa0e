package dev.parley.core.chat;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.live.LiveFeed;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import dev.parley.core.conversation.receipt.DeliverySummary;
import dev.parley.core.conversation.receipt.ReceiptStatus;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the live events of conversations to the web-chat clients connected to this node. It knows which
 * conversations each attached identity takes part in (read at {@link #attach}, then kept up to date by the
 * participant events) and sends each client the event frames of {@link ChatFrames} for those conversations.
 *
 * <p>Guarantees, per client and conversation: {@code message} events in index order, with no gap (a missing index is
 * read from the store before the next message is sent: a message deleted meanwhile is simply not there) and no
 * duplicate (an index at or below the last one sent is dropped); events about a message (update, removal, delivery)
 * only once the client was sent that message; {@code typing} never to connections of the typist's identity. A client
 * that attaches with {@code resumeFrom} is first sent, from the store, the messages after each given index, then live
 * events from where that replay stopped, with no gap or duplicate at the seam.
 *
 * <p>One thread (the hub's own) applies the feed's events, in the feed's order, and calls the sinks. Each event costs
 * at most one store read on this node, whatever the number of clients it goes to: the frame is rendered once and the
 * same text handed to each sink. Events about conversations no attached identity is in cost no read at all. Reading
 * what a new client takes part in (and its replay) happens on the caller's thread, so that a crowd of clients
 * attaching at once does not hold up live events.
 *
 * <p>{@link ChatSink#send} must not block: the hub calls it for every client from its one thread, so a sink queues the
 * frame (and closes a client that lets its queue grow too long) rather than waiting for the network. A sink whose
 * {@code send} throws is detached.
 *
 * <p>The hub is one file on purpose: its rooms and clients belong to its one thread, and the handlers below are the
 * state that thread keeps; split across classes, that ownership would no longer show.
 */
public final class ChatHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatHub.class);
    /** Messages read per conversation at once when filling a gap or replaying a resume. */
    private static final int BATCH = 500;
    /** Events kept for one client while its snapshot is read; past that, it catches up messages from the store. */
    private static final int MAX_MISSED = 1_000;
    /**
     * How far back a new client is also given the typing indicators the hub applied just before it heard of the client:
     * the socket tells a client it is authenticated before it attaches it, and a peer may type at once. Nothing else
     * needs it: every other event is about something stored, which the client reads once it is authenticated.
     */
    private static final long RECENT_NANOS = 1_000_000_000L;

    /** One attached client, as the hub sees it. */
    public interface Attachment {

        /** The client's token was refreshed: same account, service and identity, a later expiry. */
        void renew(ChatIdentity renewed);

        /** Stops the events to this client. Idempotent; nothing is sent to its sink once it returns. */
        void detach();
    }

    private final Storage storage;
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    // Touched only by the hub's thread.
    private final Map<String, Room> rooms = new HashMap<>();
    /** Attached clients by account and identity (a chat service's identity is looked up within its account). */
    private final Map<Named, List<Client>> byIdentity = new HashMap<>();
    private final List<Client> pending = new ArrayList<>();
    private final ArrayDeque<Recent> recent = new ArrayDeque<>();
    private final AtomicInteger attachedCount = new AtomicInteger();

    /** Subscribes to {@code feed} and starts the hub's thread. */
    public ChatHub(Storage storage, LiveFeed feed) {
        this.storage = storage;
        this.thread = Thread.ofPlatform().name("parley-chat-hub").daemon(true).start(this::run);
        feed.subscribe(event -> post(() -> on(event)));
    }

    /**
     * Starts the events of {@code who}'s conversations to {@code sink}. Call it right after the client has been told it
     * is authenticated: the resumed messages (those after each index of {@code resumeFrom}, by conversation SID; a
     * conversation the identity is not in is ignored) are its next frames, then the live events, starting with those
     * of the second before the hub heard of the client (its peers may have acted on seeing it connected), a message it
     * already has dropped as always.
     */
    public Attachment attach(ChatIdentity who, ChatSink sink, Map<String, Long> resumeFrom) {
        Client client = new Client(who, sink);
        post(() -> pending(client));
        Snapshot snapshot;
        try {
            snapshot = storage.read(tx -> snapshot(tx, who, resumeFrom == null ? Map.of() : resumeFrom));
        } catch (RuntimeException e) {
            post(() -> pending.remove(client));
            throw e;
        }
        post(() -> ready(client, snapshot));
        return client;
    }

    /** Stops the thread; attached sinks are not closed (the socket layer closes its connections). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Clients attached and not detached, once the hub has applied their attachment; for tests and metrics. */
    public int attached() {
        return attachedCount.get();
    }

    private void post(Runnable task) {
        if (!closed) {
            work.add(task);
        }
    }

    private void run() {
        while (!closed) {
            Runnable task;
            try {
                task = work.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // A store read failed, most likely: the clients' last indexes did not move, so the next event of
                // those conversations reads what was missed.
                log.error("chat hub: a task failed", e);
            }
        }
    }

    // Attaching.

    /** What a client takes part in when it attaches, and its replay. */
    private record Snapshot(List<ChatConversation> conversations, Map<String, List<ChatMessage>> replay,
            Map<String, Long> replayedTo) {
    }

    private static Snapshot snapshot(Tx tx, ChatIdentity who, Map<String, Long> resumeFrom) {
        List<ChatConversation> conversations = ChatReads.conversationsOf(tx, who);
        Map<String, List<ChatMessage>> replay = new HashMap<>();
        Map<String, Long> replayedTo = new HashMap<>();
        for (ChatConversation c : conversations) {
            Long from = resumeFrom.get(c.conversation().sid());
            if (from == null) {
                continue;
            }
            // An index past the conversation's last (a client's mistake, a conversation made again) would silence the
            // messages up to it: the replay starts no later than the last message there is.
            long last = Math.min(from, c.lastMessageIndex() == null ? -1 : c.lastMessageIndex());
            List<ChatMessage> messages = new ArrayList<>();
            while (true) {
                List<ConversationMessage> batch = ChatReads.after(tx, who.accountSid(), c.conversation().sid(), last,
                        BATCH);
                messages.addAll(ChatReads.messages(tx, who.accountSid(), batch));
                if (!batch.isEmpty()) {
                    last = batch.getLast().index();
                }
                if (batch.size() < BATCH) {
                    break;
                }
            }
            replay.put(c.conversation().sid(), messages);
            replayedTo.put(c.conversation().sid(), last);
        }
        return new Snapshot(conversations, replay, replayedTo);
    }

    /** On the hub's thread: the client is attaching; it keeps the typing of the last moment and the events to come. */
    private void pending(Client client) {
        long now = System.nanoTime();
        for (Recent r : recent) {
            if (now - r.at() <= RECENT_NANOS) {
                note(client, r.event());
            }
        }
        pending.add(client);
    }

    /** A typing indicator the hub applied, and when: new clients get those of the last moment. */
    private record Recent(LiveEvent event, long at) {
    }

    private void remember(LiveEvent e) {
        long now = System.nanoTime();
        while (!recent.isEmpty() && (now - recent.peekFirst().at() > RECENT_NANOS || recent.size() >= MAX_MISSED)) {
            recent.pollFirst();
        }
        recent.addLast(new Recent(e, now));
    }

    /** On the hub's thread: the snapshot is read; the events seen since it was started tell what to catch up. */
    private void ready(Client client, Snapshot snapshot) {
        pending.remove(client);
        if (client.detached) {
            return;
        }
        byIdentity.computeIfAbsent(client.named(), k -> new ArrayList<>()).add(client);
        attachedCount.incrementAndGet();
        for (ChatConversation c : snapshot.conversations()) {
            String conversation = c.conversation().sid();
            List<ChatMessage> replay = snapshot.replay().get(conversation);
            if (replay != null) {
                replay.forEach(m -> send(client, ChatFrames.messageAdded(m)));
                client.last.put(conversation, snapshot.replayedTo().get(conversation));
            } else {
                client.last.put(conversation, c.lastMessageIndex() == null ? -1 : c.lastMessageIndex());
            }
            client.own.put(conversation, c.participant().sid());
            room(conversation).members.add(client);
        }
        List<LiveEvent> missed = client.missed;
        client.missed = null;
        if (client.membershipChanged || missed == null) {
            storage.read(tx -> {
                reconcile(tx, client);
                return null;
            });
        }
        if (missed == null) {
            // Too much went by: the messages are read from the store, the rest is lost to this client.
            catchUp(client);
            return;
        }
        // What went by while the snapshot was read, for this client alone: a message already in the snapshot is a
        // repeat and dropped, a later one sent (or read from the store), any other event of its conversations sent.
        for (LiveEvent e : missed) {
            if (client.own.containsKey(e.conversationSid())) {
                apply(e, List.of(client), false);
            }
        }
    }

    /** Sends the client every message of its conversations it is missing, read from the store. */
    private void catchUp(Client client) {
        Map<String, Long> lastIndexes = new HashMap<>();
        storage.read(tx -> {
            for (String conversation : client.own.keySet()) {
                Long last = ChatReads.lastIndex(tx, client.who.accountSid(), conversation);
                lastIndexes.put(conversation, last == null ? -1 : last);
            }
            return null;
        });
        lastIndexes.forEach((conversation, last) -> fill(List.of(client), conversation, last, new HashMap<>()));
    }

    /** Brings the client's conversations in line with the store: joins and leaves it missed. */
    private void reconcile(Tx tx, Client client) {
        Map<String, ChatConversation> now = new LinkedHashMap<>();
        ChatReads.conversationsOf(tx, client.identity()).forEach(c -> now.put(c.conversation().sid(), c));
        for (String conversation : new ArrayList<>(client.own.keySet())) {
            if (!now.containsKey(conversation)) {
                send(client, ChatFrames.participantLeft(conversation, client.own.get(conversation),
                        client.who.identity()));
                leave(client, conversation);
            }
        }
        for (ChatConversation c : now.values()) {
            if (!client.own.containsKey(c.conversation().sid())) {
                join(client, c);
            }
        }
    }

    private void join(Client client, ChatConversation c) {
        String conversation = c.conversation().sid();
        client.last.put(conversation, c.lastMessageIndex() == null ? -1 : c.lastMessageIndex());
        client.own.put(conversation, c.participant().sid());
        room(conversation).members.add(client);
        send(client, ChatFrames.participantJoined(c.participant(), c));
    }

    private void leave(Client client, String conversation) {
        client.last.remove(conversation);
        client.own.remove(conversation);
        Room room = rooms.get(conversation);
        if (room != null) {
            room.members.remove(client);
            if (room.members.isEmpty()) {
                rooms.remove(conversation);
            }
        }
    }

    private Room room(String conversation) {
        return rooms.computeIfAbsent(conversation, k -> new Room());
    }

    private void remove(Client client) {
        pending.remove(client);
        for (String conversation : new ArrayList<>(client.own.keySet())) {
            leave(client, conversation);
        }
        List<Client> same = byIdentity.get(client.named());
        if (same != null && same.remove(client)) {
            attachedCount.decrementAndGet();
            if (same.isEmpty()) {
                byIdentity.remove(client.named());
            }
        }
    }

    // Events.

    private void on(LiveEvent e) {
        if (LiveEvent.RESYNC.equals(e.type())) {
            resync();
            return;
        }
        notePending(e);
        if (LiveEvent.TYPING.equals(e.type())) {
            remember(e);
        }
        Room room = rooms.get(e.conversationSid());
        apply(e, room == null ? List.of() : List.copyOf(room.members), true);
    }

    /**
     * Applies {@code e} to {@code targets} (clients in its conversation); {@code membership}: also to the attached
     * identities a participant event makes join or leave (false when a client catches up alone: its conversations
     * were read again).
     */
    private void apply(LiveEvent e, List<Client> targets, boolean membership) {
        switch (e.type()) {
            case LiveEvent.MESSAGE_ADDED -> messageAdded(e, targets);
            case LiveEvent.MESSAGE_UPDATED -> messageUpdated(e, targets);
            case LiveEvent.MESSAGE_REMOVED -> toSeen(e, targets, ChatFrames.messageRemoved(e.conversationSid(),
                    e.sid(), e.index()));
            case LiveEvent.DELIVERY_UPDATED -> delivery(e, targets);
            case LiveEvent.PARTICIPANT_JOINED, LiveEvent.PARTICIPANT_UPDATED -> participant(e, targets, membership);
            case LiveEvent.PARTICIPANT_LEFT -> participantLeft(e, targets);
            case LiveEvent.READ -> read(e, targets);
            case LiveEvent.TYPING -> typing(e, targets);
            case LiveEvent.CONVERSATION_UPDATED -> conversationUpdated(e, targets);
            case LiveEvent.CONVERSATION_REMOVED -> conversationRemoved(e, targets);
            default -> log.debug("chat hub: ignored a live event of type {}", e.type());
        }
    }

    /** Clients still reading their snapshot keep what goes by in their account, to catch up once ready. */
    private void notePending(LiveEvent e) {
        for (Client client : pending) {
            note(client, e);
        }
    }

    private static void note(Client client, LiveEvent e) {
        if (!client.who.accountSid().equals(e.accountSid())) {
            return;
        }
        if (client.missed != null) {
            if (client.missed.size() < MAX_MISSED) {
                client.missed.add(e);
            } else {
                client.missed = null;
            }
        }
        switch (e.type()) {
            case LiveEvent.PARTICIPANT_JOINED, LiveEvent.PARTICIPANT_UPDATED, LiveEvent.PARTICIPANT_LEFT -> {
                // An update may take the participant from this identity to another: any update counts.
                if (client.who.identity().equals(e.identity()) || LiveEvent.PARTICIPANT_UPDATED.equals(e.type())) {
                    client.membershipChanged = true;
                }
            }
            case LiveEvent.CONVERSATION_REMOVED -> client.membershipChanged = true;
            default -> {
            }
        }
    }

    private void messageAdded(LiveEvent e, List<Client> targets) {
        if (targets.isEmpty()) {
            return;
        }
        String frame = storage.read(tx -> tx.conversationMessages().find(e.accountSid(), e.conversationSid(),
                e.sid()).map(m -> ChatFrames.messageAdded(ChatReads.message(tx, m)))).orElse(null);
        Map<Long, List<String>> fills = new HashMap<>();
        List<Client> behind = new ArrayList<>();
        for (Client client : targets) {
            long last = client.last.getOrDefault(e.conversationSid(), -1L);
            if (e.index() <= last) {
                continue;
            }
            if (e.index() > last + 1) {
                behind.add(client);
                continue;
            }
            if (frame != null) {
                send(client, frame);
            }
            client.last.put(e.conversationSid(), e.index());
        }
        if (!behind.isEmpty()) {
            // The store has everything up to this event's index (and this message, unless deleted since).
            fill(behind, e.conversationSid(), e.index(), fills);
        }
    }

    /**
     * Sends each client the messages of {@code conversation} after its last index up to {@code upTo}, read once per
     * distinct last index (they are the same for every client that missed the same events).
     */
    private void fill(List<Client> clients, String conversation, long upTo, Map<Long, List<String>> fills) {
        for (Client client : clients) {
            long last = client.last.getOrDefault(conversation, -1L);
            if (upTo <= last) {
                continue;
            }
            List<String> frames = fills.computeIfAbsent(last, from -> storage.read(tx -> {
                List<String> out = new ArrayList<>();
                long at = from;
                while (at < upTo) {
                    List<ConversationMessage> batch = ChatReads.after(tx, client.who.accountSid(), conversation, at,
                            BATCH).stream().filter(m -> m.index() <= upTo).toList();
                    ChatReads.messages(tx, client.who.accountSid(), batch)
                            .forEach(m -> out.add(ChatFrames.messageAdded(m)));
                    if (batch.size() < BATCH) {
                        break;
                    }
                    at = batch.getLast().index();
                }
                return out;
            }));
            frames.forEach(f -> send(client, f));
            client.last.put(conversation, upTo);
        }
    }

    private void messageUpdated(LiveEvent e, List<Client> targets) {
        if (!anySeen(e, targets)) {
            return;
        }
        storage.read(tx -> tx.conversationMessages().find(e.accountSid(), e.conversationSid(), e.sid())
                .map(m -> ChatFrames.messageUpdated(ChatReads.message(tx, m))))
                .ifPresent(frame -> toSeen(e, targets, frame));
    }

    /** Whether any of {@code targets} was sent the message at the event's index. */
    private static boolean anySeen(LiveEvent e, List<Client> targets) {
        for (Client client : targets) {
            if (e.index() <= client.last.getOrDefault(e.conversationSid(), -1L)) {
                return true;
            }
        }
        return false;
    }

    /** Sends {@code frame}, about the message at the event's index, to the clients that were sent that message. */
    private void toSeen(LiveEvent e, List<Client> targets, String frame) {
        for (Client client : targets) {
            if (e.index() <= client.last.getOrDefault(e.conversationSid(), -1L)) {
                send(client, frame);
            }
        }
    }

    private void delivery(LiveEvent e, List<Client> targets) {
        if (!anySeen(e, targets)) {
            return;
        }
        storage.read(tx -> ChatReads.at(tx, e.accountSid(), e.conversationSid(), e.index()).flatMap(m -> {
            List<DeliveryReceipt> receipts = tx.conversationReceipts().list(e.accountSid(), e.conversationSid(),
                    m.sid(), PageRequest.first(PageRequest.MAX_SIZE)).items();
            List<ReceiptStatus> statuses = receipts.stream().map(DeliveryReceipt::status).toList();
            return receipts.stream().filter(r -> r.sid().equals(e.sid())).findFirst()
                    .map(r -> ChatFrames.delivery(r, DeliverySummary.of(statuses)));
        })).ifPresent(frame -> toSeen(e, targets, frame));
    }

    /** Joined or updated: the participant as it is now, and the identities whose conversations that changes. */
    private void participant(LiveEvent e, List<Client> targets, boolean membership) {
        boolean anyOwn = membership && e.identity() != null
                && byIdentity.containsKey(new Named(e.accountSid(), e.identity()));
        boolean wasOwn = membership && targets.stream()
                .anyMatch(c -> e.sid().equals(c.own.get(e.conversationSid())));
        if (targets.isEmpty() && !anyOwn) {
            return;
        }
        record Read(Participant participant, ChatConversation conversation) {
        }
        Optional<Read> read = storage.read(tx -> tx.conversations().findParticipant(e.accountSid(),
                e.conversationSid(), e.sid()).map(p -> {
                    Conversation c = tx.conversations().find(p.accountSid(), p.conversationSid()).orElse(null);
                    return new Read(p, c == null || p.identity() == null ? null
                            : ChatReads.conversation(tx, c, p));
                }));
        if (read.isEmpty()) {
            return;
        }
        Participant p = read.get().participant();
        boolean joined = LiveEvent.PARTICIPANT_JOINED.equals(e.type());
        String frame = joined ? ChatFrames.participantJoined(p, null) : ChatFrames.participantUpdated(p);
        for (Client client : targets) {
            send(client, frame);
        }
        if (wasOwn && !joined) {
            // The participant now stands for another identity: its former one is out of the conversation.
            for (Client client : targets) {
                if (p.sid().equals(client.own.get(p.conversationSid()))
                        && !Objects.equals(client.who.identity(), p.identity())) {
                    leave(client, p.conversationSid());
                }
            }
        }
        ChatConversation view = read.get().conversation();
        if (view == null || !membership) {
            return;
        }
        List<Client> own = byIdentity.get(new Named(p.accountSid(), p.identity()));
        if (own != null) {
            for (Client client : List.copyOf(own)) {
                if (client.who.chatServiceSid().equals(p.chatServiceSid())
                        && !client.own.containsKey(p.conversationSid())) {
                    join(client, view);
                }
            }
        }
    }

    private void participantLeft(LiveEvent e, List<Client> targets) {
        if (targets.isEmpty()) {
            return;
        }
        String frame = ChatFrames.participantLeft(e.conversationSid(), e.sid(), e.identity());
        for (Client client : targets) {
            send(client, frame);
            if (e.sid().equals(client.own.get(e.conversationSid()))) {
                leave(client, e.conversationSid());
            }
        }
    }

    private void read(LiveEvent e, List<Client> targets) {
        if (targets.isEmpty()) {
            return;
        }
        storage.read(tx -> tx.conversations().findParticipant(e.accountSid(), e.conversationSid(), e.sid()))
                .ifPresent(p -> {
                    String frame = ChatFrames.read(p);
                    for (Client client : targets) {
                        send(client, frame);
                    }
                });
    }

    private void typing(LiveEvent e, List<Client> targets) {
        if (targets.isEmpty()) {
            return;
        }
        String frame = ChatFrames.typing(e.conversationSid(), e.sid(), e.identity());
        for (Client client : targets) {
            if (!client.who.identity().equals(e.identity())) {
                send(client, frame);
            }
        }
    }

    private void conversationUpdated(LiveEvent e, List<Client> members) {
        if (members.isEmpty()) {
            return;
        }
        Map<Client, String> frames = storage.read(tx -> {
            Map<Client, String> out = new HashMap<>();
            Conversation c = tx.conversations().find(e.accountSid(), e.conversationSid()).orElse(null);
            if (c == null) {
                return out;
            }
            Map<String, Participant> participants = new HashMap<>();
            tx.conversations().participants(c.accountSid(), c.sid()).forEach(p -> participants.put(p.sid(), p));
            Long last = ChatReads.lastIndex(tx, c.accountSid(), c.sid());
            Map<Long, Long> unread = new HashMap<>();
            for (Client client : members) {
                Participant own = participants.get(client.own.get(c.sid()));
                if (own == null) {
                    continue;
                }
                Long count = own.lastReadMessageIndex() == null ? null : unread.computeIfAbsent(
                        own.lastReadMessageIndex(), i -> tx.users().countMessagesAfter(c.accountSid(), c.sid(), i));
                out.put(client, ChatFrames.conversationUpdated(new ChatConversation(c, own, count, last)));
            }
            return out;
        });
        frames.forEach(this::send);
    }

    private void conversationRemoved(LiveEvent e, List<Client> targets) {
        if (targets.isEmpty()) {
            return;
        }
        String frame = ChatFrames.conversationRemoved(e.conversationSid());
        for (Client client : targets) {
            send(client, frame);
            leave(client, e.conversationSid());
        }
    }

    /**
     * The feed may have missed events: each attached identity's conversations are read again (joins and leaves
     * missed), then every client is sent the messages it is missing. Edits, receipts and read horizons missed are
     * not replayed; the messages and membership are.
     */
    private void resync() {
        log.info("chat hub: re-reading what {} clients show from the store", attachedCount.get());
        Map<String, Long> lastIndexes = new HashMap<>();
        Map<String, Map<Long, List<String>>> fills = new HashMap<>();
        for (List<Client> clients : List.copyOf(byIdentity.values())) {
            for (Client client : List.copyOf(clients)) {
                storage.read(tx -> {
                    reconcile(tx, client);
                    for (String conversation : client.own.keySet()) {
                        lastIndexes.computeIfAbsent(conversation, c -> {
                            Long last = ChatReads.lastIndex(tx, client.who.accountSid(), c);
                            return last == null ? -1 : last;
                        });
                    }
                    return null;
                });
                for (String conversation : List.copyOf(client.own.keySet())) {
                    fill(List.of(client), conversation, lastIndexes.get(conversation),
                            fills.computeIfAbsent(conversation, k -> new HashMap<>()));
                }
            }
        }
    }

    private void send(Client client, String frame) {
        if (client.detached) {
            return;
        }
        try {
            client.sink.send(frame);
        } catch (RuntimeException e) {
            log.warn("chat hub: a sink of {} failed; detached", client.who.identity(), e);
            client.detached = true;
            remove(client);
        }
    }

    // State.

    /** Who an attachment acts as, as far as membership goes. */
    private record Who(String accountSid, String chatServiceSid, String identity) {
        static Who of(ChatIdentity who) {
            return new Who(who.accountSid(), who.chatServiceSid(), who.identity());
        }
    }

    /** An identity within its account: what a participant event names. */
    private record Named(String accountSid, String identity) {
    }

    /** The attached clients taking part in one conversation. */
    private static final class Room {
        final Set<Client> members = new HashSet<>();
    }

    private final class Client implements Attachment {
        final Who who;
        final ChatSink sink;
        volatile ChatIdentity identity;
        volatile boolean detached;
        // The hub thread's: per conversation, the last message index sent and the client's own participant.
        final Map<String, Long> last = new HashMap<>();
        final Map<String, String> own = new HashMap<>();
        /** While pending: the events of its account that went by (null when there were too many to keep). */
        List<LiveEvent> missed = new ArrayList<>();
        boolean membershipChanged;

        Client(ChatIdentity identity, ChatSink sink) {
            this.who = Who.of(identity);
            this.identity = identity;
            this.sink = sink;
        }

        ChatIdentity identity() {
            return identity;
        }

        Named named() {
            return new Named(who.accountSid(), who.identity());
        }

        @Override
        public void renew(ChatIdentity renewed) {
            if (!Who.of(renewed).equals(who)) {
                throw new IllegalArgumentException("a renewed identity must be the same account, service and"
                        + " identity");
            }
            identity = renewed;
        }

        @Override
        public void detach() {
            detached = true;
            post(() -> remove(this));
        }
    }
}
