package dev.parley.core.message;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.channel.Channels;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.encoding.SegmentedBody;
import dev.parley.core.message.encoding.SmsSegmenter;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.queue.FairShare;
import dev.parley.core.queue.Job;
import dev.parley.core.store.Page;
import dev.parley.core.store.PageRequest;
import dev.parley.core.store.Storage;
import dev.parley.core.store.Tx;
import dev.parley.core.throughput.RatedSender;
import dev.parley.core.throughput.SenderQueue;
import java.time.Clock;
import java.time.Instant;

/**
 * The Messages resource: create (validate, then store the message and its send job in one transaction),
 * fetch, list, redact, cancel, delete. Every refusal is an {@link ApiException} thrown before anything is
 * written. A returned message is committed, and its send job with it, due at the send slot its sender's rate
 * allows ({@link SenderQueue}); past the sender's queue bound, create answers 21611.
 */
public final class MessageService {
    public static final int MAX_BODY = 1600;
    public static final int MAX_MEDIA = 10;
    private final Storage storage;
    private final Clock clock;
    private final IdGenerator ids;
    private final Pricing pricing;
    private final int sendAttempts;
    private final SenderQueue senderQueue;
    private final FairShare fairShare;

    public MessageService(Storage storage, Clock clock, IdGenerator ids, Pricing pricing, int sendAttempts,
            SenderQueue senderQueue, FairShare fairShare) {
        this.storage = storage;
        this.clock = clock;
        this.ids = ids;
        this.pricing = pricing;
        this.sendAttempts = sendAttempts;
        this.senderQueue = senderQueue;
        this.fairShare = fairShare;
    }

    public Message create(SendRequest request) {
        Draft draft = validate(request);
        // The checks read on a read connection, so the single writer only inserts: a number released or an
        // opt-out recorded in the same instant may race this send, as it may with Twilio.
        Sender sender = storage.read(tx -> resolve(tx, draft, false));
        return storage.write(tx -> persist(tx, draft, sender));
    }

    /**
     * Creates an outbound message inside a caller's transaction (TwiML replies, opt-out confirmations).
     * {@code ignoreOptOut} is for the confirmation of a STOP itself, which Twilio sends to the opted-out handset.
     */
    public Message createIn(Tx tx, SendRequest request, boolean ignoreOptOut) {
        Draft draft = validate(request);
        return persist(tx, draft, resolve(tx, draft, ignoreOptOut));
    }

    /** The checks that need no database; {@link #resolve} makes the others. */
    private Draft validate(SendRequest r) {
        if (blank(r.to())) {
            throw ApiException.badRequest(21604, "A 'To' phone number is required.");
        }
        if (blank(r.from())) {
            if (!blank(r.messagingServiceSid())) {
                throw ApiException.badRequest(21701,
                        "The Messaging Service Sid " + r.messagingServiceSid() + " is invalid.");
            }
            throw ApiException.badRequest(21603, "A 'From' phone number is required.");
        }
        if (blank(r.body()) && r.mediaUrls().isEmpty()) {
            throw ApiException.badRequest(21602, "Message body is required.");
        }
        PhoneNumber to = PhoneNumber.parse(r.to()).orElseThrow(() -> ApiException.badRequest(21211,
                "The 'To' number " + r.to() + " is not a valid phone number."));
        PhoneNumber from = PhoneNumber.parse(r.from()).orElseThrow(() -> ApiException.badRequest(21212,
                "The 'From' number " + r.from() + " is not a valid phone number, shortcode, or alphanumeric sender ID."));
        MagicNumbers.checkFrom(from.e164());
        MagicNumbers.checkTo(to.e164(), from.e164());
        String body = r.body() == null ? "" : r.body();
        if (body.codePointCount(0, body.length()) > MAX_BODY) {
            throw ApiException.badRequest(21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (r.mediaUrls().size() > MAX_MEDIA) {
            throw ApiException.badRequest(21623, "The number of media files exceeds the limit of 10.");
        }
        if (to.equals(from)) {
            throw ApiException.badRequest(21266, "'To' and 'From' number cannot be the same: " + to);
        }
        SegmentedBody segmented = SmsSegmenter.analyze(body, r.smartEncoded());
        int segments = r.mediaUrls().isEmpty() ? Math.max(1, segmented.numSegments()) : 1;
        return new Draft(r, to, from, segmented.text(), segments);
    }

    private record Draft(SendRequest request, PhoneNumber to, PhoneNumber from, String body, int segments) {
    }

    /** The channel a draft leaves on, its status callback and its rate; refuses senders the account does not own. */
    private record Sender(String channel, Message.StatusCallback callback, RatedSender rated) {
    }

    private Sender resolve(Tx tx, Draft d, boolean ignoreOptOut) {
        SendRequest r = d.request();
        String channel;
        Message.StatusCallback numberCallback = Message.StatusCallback.NONE;
        RatedSender rated;
        if (d.from().e164().equals(MagicNumbers.ALWAYS_VALID_FROM)) {
            channel = Channels.SIMULATOR;
            rated = new RatedSender(r.accountSid(), d.from().e164(), channel, null);
        } else {
            IncomingPhoneNumber number = tx.numbers().findByNumber(d.from())
                    .filter(n -> n.accountSid().equals(r.accountSid()))
                    .orElseThrow(() -> ApiException.badRequest(21606, MagicNumbers.notOwned(d.from().e164())));
            channel = number.channel();
            rated = RatedSender.of(number);
            if (number.webhooks().statusCallback() != null) {
                numberCallback = new Message.StatusCallback(number.webhooks().statusCallback(),
                        number.webhooks().statusCallbackMethod());
            }
        }
        if (!ignoreOptOut && tx.optOuts().isOptedOut(r.accountSid(), d.from().e164(), d.to().e164())) {
            throw ApiException.badRequest(21610, "Attempt to send to unsubscribed recipient");
        }
        Message.StatusCallback callback = blank(r.statusCallback()) ? numberCallback
                : new Message.StatusCallback(r.statusCallback(), method(r.statusCallbackMethod()));
        return new Sender(channel, callback, rated);
    }

    private Message persist(Tx tx, Draft d, Sender sender) {
        SendRequest r = d.request();
        String sid = ids.sid(r.mediaUrls().isEmpty() ? "SM" : "MM");
        // First, as it is the last refusal: when the sender's queue is full nothing has been written.
        if (enqueueSend(tx, r.accountSid(), sid, sender.rated(), d.segments())
                instanceof SenderQueue.Reservation.QueueFull) {
            // Twilio's exact words: clients match on them.
            throw ApiException.badRequest(SenderQueue.Reservation.QueueFull.FROM_NUMBER_ERROR,
                    SenderQueue.Reservation.QueueFull.FROM_NUMBER_MESSAGE);
        }
        Instant now = clock.instant();
        Message message = new Message(sid, r.accountSid(), null, d.from().e164(), d.to().e164(), d.body(),
                r.mediaUrls(), d.segments(), r.direction(), MessageStatus.QUEUED, null, null, null, pricing.unit(),
                sender.channel(), null, sender.callback(), now, now, null);
        tx.messages().insert(message);
        return message;
    }

    /**
     * Queues the send of {@code message} from {@code sender} inside the caller's write transaction: reserves its slot
     * at the sender's rate ({@link SenderQueue}) and enqueues its send job, due at that slot. For a message whose
     * sender is chosen after creation (a Messaging Service's pool); creation from a number does the same.
     *
     * @return the slot; or, when the sender's queue is full, {@link SenderQueue.Reservation.QueueFull} and nothing is
     *         written: the caller fails the message with {@link SenderQueue.Reservation.QueueFull#MESSAGING_SERVICE_ERROR}
     *         (30001, Queue overflow), as Twilio does for a Messaging Service
     */
    public SenderQueue.Reservation enqueueSend(Tx tx, Message message, RatedSender sender) {
        return enqueueSend(tx, message.accountSid(), message.sid(), sender, message.numSegments());
    }

    private SenderQueue.Reservation enqueueSend(Tx tx, String accountSid, String sid, RatedSender sender,
            int segments) {
        SenderQueue.Reservation reservation = senderQueue.reserve(tx, sender, segments);
        if (reservation instanceof SenderQueue.Reservation.Slot slot) {
            Instant now = clock.instant();
            tx.jobs().enqueue(Job.create(ids.sid("JB"), accountSid, MessageDispatcher.KIND, sid, slot.at(),
                    sendAttempts, now), fairShare.fairAt(accountSid, slot.at(), now));
        }
        return reservation;
    }

    public Message fetch(String accountSid, String sid) {
        return storage.read(tx -> tx.messages().find(accountSid, sid))
                .orElseThrow(() -> notFound(accountSid, sid));
    }

    public Page<Message> list(String accountSid, MessageFilter filter, PageRequest page) {
        return storage.read(tx -> tx.messages().list(accountSid, filter, page));
    }

    /**
     * Twilio's message update: {@code body} "" redacts (allowed once the message is no longer in flight);
     * {@code status} "canceled" cancels a scheduled message. Exactly one of the two must be given.
     */
    public Message update(String accountSid, String sid, String body, String status) {
        if ((body == null) == (status == null)) {
            throw ApiException.badRequest(30400, "Exactly one of Body (empty, to redact) or Status must be given.");
        }
        if (body != null && !body.isEmpty()) {
            throw ApiException.badRequest(30400, "Body can only be updated to an empty string, to redact it.");
        }
        if (status != null && !status.equals("canceled")) {
            throw ApiException.badRequest(30400, "Status can only be updated to canceled.");
        }
        return storage.write(tx -> {
            Message m = tx.messages().find(accountSid, sid).orElseThrow(() -> notFound(accountSid, sid));
            Instant now = clock.instant();
            Message updated;
            if (status != null) {
                if (m.status() != MessageStatus.SCHEDULED) {
                    throw ApiException.badRequest(30409, "This message cannot be canceled");
                }
                updated = m.moveTo(MessageStatus.CANCELED, now);
            } else {
                if (m.status().inFlight()) {
                    throw ApiException.badRequest(20009, "Cannot redact message " + sid + " before it is complete");
                }
                updated = m.redacted(now);
            }
            tx.messages().update(updated);
            return updated;
        });
    }

    public void delete(String accountSid, String sid) {
        storage.writeVoid(tx -> {
            Message m = tx.messages().find(accountSid, sid).orElseThrow(() -> notFound(accountSid, sid));
            if (m.status().inFlight()) {
                throw ApiException.badRequest(20009, "Cannot delete this resource before it is complete");
            }
            tx.messages().delete(accountSid, sid);
        });
    }

    private static ApiException notFound(String accountSid, String sid) {
        return ApiException.notFound("/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
    }

    static String method(String m) {
        return m != null && m.equalsIgnoreCase("GET") ? "GET" : "POST";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
