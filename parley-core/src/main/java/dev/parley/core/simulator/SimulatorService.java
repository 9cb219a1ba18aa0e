package dev.parley.core.simulator;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.inbound.InboundMessage;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The handset simulator's own API: handsets send inbound messages, read their inbox, change behaviour. A handset is
 * an SMS number ({@code +1…}) or a WhatsApp user ({@code whatsapp:+1…}); the two are separate handsets, each with its
 * own inbox and behaviour. An SMS handset may also send one group MMS to several numbers at once (ADR 0018): the
 * simulator, acting as the carrier, hands a copy to each of the account's numbers among them and puts a copy straight
 * into each other handset's inbox.
 */
public final class SimulatorService {
    /** Members of one group MMS at most, the sender included (Twilio's group texting limit). */
    public static final int MAX_GROUP = 10;
    private final Storage storage;
    private final InboundService inbound;
    private final IdGenerator ids;
    private final Clock clock;

    public SimulatorService(Storage storage, InboundService inbound, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.inbound = inbound;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * A handset sends a message to one number ({@link #send(String, String, String, String, List, String)}), or a
     * group MMS to several ({@code to} holds two or more addresses): each of the account's numbers among them
     * receives it as an inbound message listing the other recipients, each other handset gets it in its inbox from
     * the sender. Answers the copy received by the first of the account's numbers in {@code to}.
     */
    public Message send(String accountSid, String from, List<String> to, String body, List<String> mediaUrls,
            String profileName) {
        List<String> recipients = to == null ? List.of() : to.stream().filter(t -> t != null && !t.isBlank()).toList();
        if (recipients.size() <= 1) {
            return send(accountSid, from, recipients.isEmpty() ? null : recipients.getFirst(), body, mediaUrls,
                    profileName);
        }
        if (from == null || from.isBlank()) {
            throw ApiException.badRequest(21603, "A 'From' phone number is required.");
        }
        if ((body == null || body.isEmpty()) && (mediaUrls == null || mediaUrls.isEmpty())) {
            throw ApiException.badRequest(21602, "Message body is required.");
        }
        ChannelAddress sender = groupMember(from, 21212, "From");
        LinkedHashSet<String> members = new LinkedHashSet<>();
        for (String each : recipients) {
            ChannelAddress a = groupMember(each, 21211, "To");
            if (a.equals(sender) || !members.add(a.wire())) {
                throw ApiException.badRequest(Channels.TOO_MANY_RECIPIENTS, "The group MMS names " + a.wire()
                        + " twice");
            }
        }
        if (members.size() + 1 > MAX_GROUP) {
            throw ApiException.badRequest(Channels.TOO_MANY_RECIPIENTS, "A group MMS has at most " + MAX_GROUP
                    + " members; this one has " + (members.size() + 1));
        }
        List<String> numbers = storage.read(tx -> members.stream().filter(m -> tx.numbers()
                .findByNumber(ChannelAddress.parse(m).orElseThrow().number())
                .filter(n -> n.accountSid().equals(accountSid)).isPresent()).toList());
        if (numbers.isEmpty()) {
            throw ApiException.badRequest(21606, "None of the 'To' numbers " + members
                    + " is a phone number of this account.");
        }
        List<String> all = new ArrayList<>(members);
        all.add(sender.wire());
        Instant now = clock.instant();
        storage.writeVoid(tx -> {
            for (String handset : members) {
                if (!numbers.contains(handset)) {
                    tx.handsetInbox().insert(new Message(ids.sid("MM"), accountSid, null, sender.wire(), handset,
                            body == null ? "" : body, mediaUrls == null ? List.of() : mediaUrls, 1,
                            Direction.INBOUND, MessageStatus.RECEIVED,
                            null, null, null, null, Channels.SIMULATOR, null, Message.StatusCallback.NONE, now, now,
                            now, others(all, sender.wire(), handset)));
                }
            }
        });
        Message first = null;
        for (String number : numbers) {
            Message received = inbound.receive(accountSid, new InboundMessage(Channels.SIMULATOR, sender.wire(), number,
                    body, mediaUrls, null, others(all, sender.wire(), number)));
            first = first == null ? received : first;
        }
        return first;
    }

    /** A member of a group MMS: an SMS number (group MMS is an SMS-side thing, +1 in practice). */
    private static ChannelAddress groupMember(String text, int code, String param) {
        ChannelAddress a = ChannelAddress.parse(text).orElseThrow(() -> ApiException.badRequest(code,
                "The '" + param + "' number " + text + " is not a valid phone number."));
        if (a.isWhatsApp()) {
            throw ApiException.badRequest(Channels.TOO_MANY_RECIPIENTS, "WhatsApp has no group MMS: " + text
                    + " cannot send to several numbers at once");
        }
        return a;
    }

    private static List<String> others(List<String> all, String from, String to) {
        return all.stream().filter(a -> !a.equals(from) && !a.equals(to)).toList();
    }

    /** A handset sends a message to one of the account's numbers. */
    public Message send(String accountSid, String from, String to, String body, List<String> mediaUrls) {
        return send(accountSid, from, to, body, mediaUrls, null);
    }

    /**
     * A handset sends a message to one of the account's numbers; a WhatsApp handset under {@code profileName} (its
     * number when null), which the webhook posts as {@code ProfileName}.
     */
    public Message send(String accountSid, String from, String to, String body, List<String> mediaUrls,
            String profileName) {
        if (from == null || from.isBlank()) {
            throw ApiException.badRequest(21603, "A 'From' phone number is required.");
        }
        if (to == null || to.isBlank()) {
            throw ApiException.badRequest(21604, "A 'To' phone number is required.");
        }
        if ((body == null || body.isEmpty()) && (mediaUrls == null || mediaUrls.isEmpty())) {
            throw ApiException.badRequest(21602, "Message body is required.");
        }
        String profile = profileName != null && !profileName.isBlank() ? profileName.strip()
                : ChannelAddress.parse(from).filter(ChannelAddress::isWhatsApp).map(a -> a.number().e164())
                        .orElse(null);
        return inbound.receive(accountSid, new InboundMessage(Channels.SIMULATOR, from, to, body, mediaUrls,
                profile));
    }

    /**
     * What this handset received, newest first: what the account sent to it, and the group MMS other handsets sent
     * to it (direction {@code inbound}, from the other handset). A copy of a group MMS lists its other recipients.
     */
    public Page<Message> inbox(String accountSid, String handset, PageRequest page) {
        String address = handset(handset);
        // Both lists are read up to the end of the wanted page from the same cursor, then merged on the (created,
        // sid) key they share. Read backward, each holds the rows nearest before the cursor: the page is the tail.
        boolean backward = page.before() != null;
        int wanted = (int) Math.min(PageRequest.MAX_SIZE, page.offset() + page.size());
        PageRequest each = new PageRequest(wanted, 0, page.cursor());
        return storage.read(tx -> {
            Page<Message> sent = tx.messages().list(accountSid, new MessageFilter(address, null, null, null), each);
            Page<Message> peers = tx.handsetInbox().list(accountSid, address, each);
            List<Message> merged = new ArrayList<>(sent.items());
            merged.addAll(peers.items());
            merged.sort(Comparator.comparing(Message::dateCreated).thenComparing(Message::sid).reversed());
            int from = backward ? Math.max(0, merged.size() - page.size())
                    : (int) Math.min(merged.size(), page.offset());
            int to = Math.min(merged.size(), from + page.size());
            List<Message> items = merged.subList(from, to);
            boolean later = merged.size() > to || sent.next() != null || peers.next() != null;
            boolean earlier = from > 0 || sent.previous() != null || peers.previous() != null;
            Cursor next = !later ? null : items.isEmpty() ? Cursor.firstPage(true)
                    : Cursor.after(key(items.getLast()), items.getLast().sid());
            Cursor previous = !earlier ? null : items.isEmpty() ? Cursor.lastPage(true)
                    : Cursor.before(key(items.getFirst()), items.getFirst().sid());
            return new Page<>(items, next, previous);
        });
    }

    private static long key(Message m) {
        return m.dateCreated().getEpochSecond() * 1_000_000 + m.dateCreated().getNano() / 1_000;
    }

    public HandsetBehavior behavior(String accountSid, String handset) {
        String address = handset(handset);
        return storage.read(tx -> tx.handsets().find(accountSid, address)).orElse(HandsetBehavior.DEFAULT);
    }

    public HandsetBehavior configure(String accountSid, String handset, String mode, Integer errorCode,
            Duration latency) {
        String address = handset(handset);
        HandsetBehavior.Mode m = mode == null ? HandsetBehavior.Mode.DELIVER : HandsetBehavior.Mode.fromWire(mode)
                .orElseThrow(() -> ApiException.badRequest(20001,
                        "Behavior must be one of deliver, fail, undeliver, silent, busy, read; not " + mode));
        if (m == HandsetBehavior.Mode.READ && !ChannelAddress.isWhatsApp(address)) {
            throw ApiException.badRequest(20001, "Behavior read is for WhatsApp handsets (whatsapp:+…), not " + address);
        }
        if (errorCode != null && (errorCode < 30001 || errorCode > 30010)) {
            throw ApiException.badRequest(20001, "ErrorCode must be a delivery error code (30001-30010)");
        }
        if (latency != null && (latency.isNegative() || latency.compareTo(Duration.ofHours(1)) > 0)) {
            throw ApiException.badRequest(20001, "Latency must be between 0 and 3600000 ms");
        }
        HandsetBehavior behavior = new HandsetBehavior(m, errorCode, latency);
        storage.writeVoid(tx -> tx.handsets().put(accountSid, address, behavior));
        return behavior;
    }

    /** The handset's address as messages to it are stored: {@code +1…} or {@code whatsapp:+1…}. */
    private static String handset(String text) {
        return ChannelAddress.parse(text).map(ChannelAddress::wire).orElseThrow(() -> ApiException.badRequest(21211,
                "The handset number " + text + " is not a valid phone number."));
    }
}
