package dev.parley.core.message;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.encoding.SegmentedBody;
import dev.parley.core.message.encoding.SmsSegmenter;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.ShortCode;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.queue.Job;
import dev.parley.core.service.MessagingService;
import dev.parley.core.service.MessagingServiceService;
import dev.parley.core.service.SenderPool;
import dev.parley.core.throughput.RatedSender;
import dev.parley.core.throughput.SenderQueue;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Messages resource: create (validate, then store the message and its send job in one transaction),
 * fetch, list, redact, cancel, delete. Every refusal is an {@link ApiException} thrown before anything is
 * written. A returned message is committed, and its send job with it, due at the send slot its sender's rate
 * allows ({@link SenderQueue}). Past the sender's queue bound, create answers 21611; through a Messaging Service,
 * the message is created and fails at once with 30001 (Queue overflow), as Twilio does.
 */
public final class MessageService {
    public static final int MAX_BODY = 1600;
    public static final int MAX_MEDIA = 10;
    private final Storage storage;
    private final Clock clock;
    private final IdGenerator ids;
    private final Pricing pricing;
    private final int sendAttempts;
    private final SendPacing pacing;
    private final MessageTemplates templates;

    /** A message service that refuses Content API templates ({@link MessageTemplates#NONE}). */
    public MessageService(Storage storage, Clock clock, IdGenerator ids, Pricing pricing, int sendAttempts,
            SendPacing pacing) {
        this(storage, clock, ids, pricing, sendAttempts, pacing, MessageTemplates.NONE);
    }

    public MessageService(Storage storage, Clock clock, IdGenerator ids, Pricing pricing, int sendAttempts,
            SendPacing pacing, MessageTemplates templates) {
        this.templates = templates;
        this.storage = storage;
        this.clock = clock;
        this.ids = ids;
        this.pricing = pricing;
        this.sendAttempts = sendAttempts;
        this.pacing = pacing;
    }

    public Message create(SendRequest given) {
        SendRequest request = given.content() == null ? given : storage.read(tx -> rendered(tx, given));
        MessagingService service = blank(request.messagingServiceSid()) ? null
                : storage.read(tx -> service(tx, request));
        Draft draft = validate(request, service);
        if (draft.from() == null && draft.shortCode() == null) {
            // The pool's sender is chosen where it is remembered (sticky sender): in the writing transaction.
            return storage.write(tx -> persist(tx, draft, resolve(tx, draft, false), List.of()));
        }
        // The checks read on a read connection, so the single writer only inserts: a number released or an
        // opt-out recorded in the same instant may race this send, as it may with Twilio.
        Sender sender = storage.read(tx -> resolve(tx, draft, false));
        return storage.write(tx -> persist(tx, draft, sender, List.of()));
    }

    /**
     * Creates an outbound message inside a caller's transaction (TwiML replies, opt-out confirmations).
     * {@code ignoreOptOut} is for the confirmation of a STOP itself, which Twilio sends to the opted-out handset.
     */
    public Message createIn(Tx tx, SendRequest request, boolean ignoreOptOut) {
        return createIn(tx, request, ignoreOptOut, List.of());
    }

    /**
     * As {@link #createIn(Tx, SendRequest, boolean)}, as one recipient's copy of a group MMS whose other recipients
     * are {@code groupRecipients} (Conversations group texting, ADR 0018): an MMS ({@code MM} SID, priced as one)
     * that only a channel carrying group MMS delivers. Empty {@code groupRecipients} is a one-to-one message.
     */
    public Message createIn(Tx tx, SendRequest given, boolean ignoreOptOut, List<String> groupRecipients) {
        SendRequest request = given.content() == null ? given : rendered(tx, given);
        MessagingService service = blank(request.messagingServiceSid()) ? null : service(tx, request);
        Draft draft = validate(request, service);
        return persist(tx, draft, resolve(tx, draft, ignoreOptOut), groupRecipients);
    }

    /**
     * The request with its template's body and media. The template's kind follows the recipient: a
     * {@code whatsapp:} address asks for a WhatsApp-approved template; a malformed address is left to
     * {@link #validate}.
     */
    private SendRequest rendered(Tx tx, SendRequest r) {
        boolean whatsApp = r.to() != null && ChannelAddress.parse(r.to())
                .map(a -> a.kind() == ChannelAddress.Kind.WHATSAPP).orElse(false);
        if (blank(r.to())) {
            return r;
        }
        return r.rendered(templates.render(tx, r.accountSid(), r.content(), whatsApp));
    }

    private static MessagingService service(Tx tx, SendRequest r) {
        String sid = r.messagingServiceSid().strip();
        if (!sid.matches("MG[0-9a-fA-F]{32}")) {
            throw ApiException.badRequest(21705, "The Messaging Service Sid " + sid + " is invalid.");
        }
        return tx.messagingServices().find(r.accountSid(), sid).orElseThrow(() -> ApiException.badRequest(21701,
                "The Messaging Service Sid " + sid + " does not exist or does not belong to this account."));
    }

    /** The checks that need no database; {@link #resolve} makes the others. */
    private Draft validate(SendRequest r, MessagingService service) {
        if (blank(r.to())) {
            throw ApiException.badRequest(21604, "A 'To' phone number is required.");
        }
        if (blank(r.from()) && service == null) {
            throw ApiException.badRequest(21603, "A 'From' phone number is required.");
        }
        if (blank(r.body()) && r.mediaUrls().isEmpty()) {
            throw ApiException.badRequest(21602, "Message body is required.");
        }
        ChannelAddress toAddress = ChannelAddress.parse(r.to()).orElseThrow(() -> ApiException.badRequest(21211,
                "The 'To' number " + r.to() + " is not a valid phone number."));
        ChannelAddress.Kind kind = toAddress.kind();
        PhoneNumber to = toAddress.number();
        PhoneNumber from = null;
        String shortCode = null;
        if (!blank(r.from()) && kind == ChannelAddress.Kind.SMS && ShortCode.isCode(r.from().strip())) {
            // One of the account's short codes: checked against the recipient's country in resolve.
            shortCode = r.from().strip();
        } else if (!blank(r.from())) {
            ChannelAddress fromAddress = ChannelAddress.parse(r.from()).orElseThrow(() -> ApiException.badRequest(
                    21212, "The 'From' number " + r.from()
                            + " is not a valid phone number, shortcode, or alphanumeric sender ID."));
            WhatsAppRules.checkPair(fromAddress, toAddress);
            from = fromAddress.number();
            if (kind == ChannelAddress.Kind.SMS) {
                // Twilio's magic test numbers are SMS numbers.
                MagicNumbers.checkFrom(from.e164());
                MagicNumbers.checkTo(to.e164(), from.e164());
            }
            WhatsAppRules.checkDistinct(kind, from, to);
        }
        String body = r.body() == null ? "" : r.body();
        if (body.codePointCount(0, body.length()) > MAX_BODY) {
            throw ApiException.badRequest(21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (r.mediaUrls().size() > MAX_MEDIA) {
            throw ApiException.badRequest(21623, "The number of media files exceeds the limit of 10.");
        }
        for (String url : r.mediaUrls()) {
            if (!MediaFetcher.isHttpUrl(url)) {
                throw ApiException.badRequest(21620, "Invalid media URL(s): " + url);
            }
        }
        int validity = r.validityPeriod() != null ? MessagingServiceService.checkValidityPeriod(r.validityPeriod(),
                21624) : service != null ? service.validityPeriod() : MessagingService.DEFAULT_VALIDITY_PERIOD;
        Instant sendAt = Schedule.sendAt(r, service != null, clock.instant());
        if (kind == ChannelAddress.Kind.WHATSAPP) {
            // WhatsApp carries the text as written, in one message: no SMS encoding, no segments.
            return new Draft(r, kind, to, from, body, 1, service, sendAt, Duration.ofSeconds(validity), null);
        }
        boolean smart = r.smartEncoded() || (service != null && service.flags().smartEncoding());
        SegmentedBody segmented = SmsSegmenter.analyze(body, smart);
        int segments = r.mediaUrls().isEmpty() ? Math.max(1, segmented.numSegments()) : 1;
        return new Draft(r, kind, to, from, segmented.text(), segments, service, sendAt, Duration.ofSeconds(validity),
                shortCode);
    }

    /**
     * A validated request on one channel ({@code kind}: both addresses are of it); {@code from} null means "a sender
     * of the service's pool", unless {@code shortCode} names one of the account's short codes as the sender. {@code to} and {@code from} are the numbers behind the addresses.
     */
    private record Draft(SendRequest request, ChannelAddress.Kind kind, PhoneNumber to, PhoneNumber from, String body,
            int segments, MessagingService service, Instant sendAt, Duration validity, String shortCode) {

        String toAddress() {
            return kind.prefix() + to.e164();
        }
    }

    /** The address and channel a draft leaves on, its status callback and its rate. */
    private record Sender(String from, String channel, Message.StatusCallback callback, RatedSender rated) {
    }

    /** Refuses senders the account does not own and recipients who opted out (of the sender or the service). */
    private Sender resolve(Tx tx, Draft d, boolean ignoreOptOut) {
        SendRequest r = d.request();
        String channel;
        String from;
        Message.StatusCallback numberCallback = Message.StatusCallback.NONE;
        RatedSender rated;
        boolean whatsApp = d.kind() == ChannelAddress.Kind.WHATSAPP;
        SenderPool.Choice choice = d.from() != null || d.shortCode() != null ? null
                : SenderPool.choose(tx, d.service(), d.to(), d.kind(), clock.instant());
        if (!whatsApp && d.from() != null && d.from().e164().equals(MagicNumbers.ALWAYS_VALID_FROM)) {
            channel = Channels.SIMULATOR;
            from = d.from().e164();
            rated = new RatedSender(r.accountSid(), from, channel, null);
        } else if (d.shortCode() != null) {
            // A short code reaches the handsets of its own country only.
            String country = SenderPool.countryOf(d.to());
            ShortCode code = tx.shortCodes().findByCode(country, d.shortCode())
                    .filter(c -> c.accountSid().equals(r.accountSid()))
                    .orElseThrow(() -> ApiException.badRequest(21606, "The 'From' short code " + d.shortCode()
                            + " is not a short code of this account in the recipient's country (" + country + ")."));
            from = code.shortCode();
            channel = code.channel();
            rated = new RatedSender(r.accountSid(), from, channel, null);
        } else if (choice instanceof SenderPool.Choice.Named named) {
            // An alpha sender or a short code of the service: the handset sees it as the sender.
            from = named.address();
            channel = named.channel();
            rated = named.rated();
        } else {
            IncomingPhoneNumber number = choice instanceof SenderPool.Choice.Number pooled ? pooled.number()
                    : whatsApp ? WhatsAppRules.sender(tx, r.accountSid(), d.from())
                    : tx.numbers().findByNumber(d.from()).filter(n -> n.accountSid().equals(r.accountSid()))
                            .orElseThrow(() -> ApiException.badRequest(21606, MagicNumbers.notOwned(d.from().e164())));
            WhatsAppRules.checkDistinct(d.kind(), number.phoneNumber(), d.to());
            from = number.phoneNumber().e164();
            channel = number.channelFor(d.kind());
            rated = whatsApp ? WhatsAppRules.rated(number) : RatedSender.of(number);
            if (number.webhooks().statusCallback() != null) {
                numberCallback = new Message.StatusCallback(number.webhooks().statusCallback(),
                        number.webhooks().statusCallbackMethod());
            }
        }
        // SMS opt-out keywords do not apply to WhatsApp (Twilio's STOP filtering is for SMS): the business keeps its
        // own WhatsApp opt-outs.
        if (!ignoreOptOut && !whatsApp && (tx.optOuts().isOptedOut(r.accountSid(), from, d.to().e164())
                || d.service() != null && tx.optOuts().isOptedOut(r.accountSid(), d.service().sid(), d.to().e164()))) {
            throw ApiException.badRequest(21610, "Attempt to send to unsubscribed recipient");
        }
        Message.StatusCallback callback = !blank(r.statusCallback())
                ? new Message.StatusCallback(r.statusCallback(), method(r.statusCallbackMethod()))
                : d.service() != null && d.service().statusCallback() != null
                        ? new Message.StatusCallback(d.service().statusCallback(), "POST")
                        : numberCallback;
        return new Sender(d.kind().prefix() + from, channel, callback, rated);
    }

    private Message persist(Tx tx, Draft d, Sender sender, List<String> group) {
        SendRequest r = d.request();
        Instant now = clock.instant();
        String sid = ids.sid(r.mediaUrls().isEmpty() && group.isEmpty() ? "SM" : "MM");
        // Twilio answers "accepted" for a message sent through a Messaging Service, "scheduled" for a later one.
        MessageStatus status = d.sendAt() != null ? MessageStatus.SCHEDULED
                : d.service() != null ? MessageStatus.ACCEPTED : MessageStatus.QUEUED;
        Message message = new Message(sid, r.accountSid(), d.service() == null ? null : d.service().sid(),
                sender.from(), d.toAddress(), d.body(), r.mediaUrls(), d.segments(), r.direction(), status, null, null,
                null, pricing.unit(), sender.channel(), null, sender.callback(), now, now, null, group,
                r.provideFeedback(), 0, r.content());
        Instant runAt = d.sendAt() != null ? d.sendAt() : now;
        SendJob job = new SendJob(sid, runAt.plus(d.validity()));
        if (d.sendAt() == null) {
            // The sender's slot: its send job (or the media fetch before it) is due then. Reserved first, so that a
            // refusal writes nothing. A scheduled message takes its slot when it fires (MessageDispatcher).
            switch (pacing.reserve(tx, sender.rated(), d.segments())) {
                case SenderQueue.Reservation.Slot slot -> runAt = slot.at();
                case SenderQueue.Reservation.QueueFull full -> {
                    if (d.service() == null) {
                        // Twilio's exact words: clients match on them.
                        throw ApiException.badRequest(SenderQueue.Reservation.QueueFull.FROM_NUMBER_ERROR,
                                SenderQueue.Reservation.QueueFull.FROM_NUMBER_MESSAGE);
                    }
                    // Created, as Twilio answers it (accepted), and failed at once: 30001.
                    tx.messages().insert(pacing.queueOverflow(tx, message));
                    return message;
                }
            }
        }
        tx.messages().insert(message);
        // A message with media is sent once its media are fetched and stored (OutboundMediaHandler).
        String kind = r.mediaUrls().isEmpty() ? MessageDispatcher.KIND : OutboundMediaHandler.KIND;
        pacing.enqueue(tx, Job.create(ids.sid("JB"), r.accountSid(), kind, job.payload(), runAt, sendAttempts, now));
        return message;
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

    /**
     * Deletes a final message and its media rows in one transaction; the media files go after that commits
     * ({@link dev.parley.core.media.MediaService#deleteFiles}).
     */
    public void delete(String accountSid, String sid) {
        storage.writeVoid(tx -> {
            Message m = tx.messages().find(accountSid, sid).orElseThrow(() -> notFound(accountSid, sid));
            if (m.status().inFlight()) {
                throw ApiException.badRequest(20009, "Cannot delete this resource before it is complete");
            }
            tx.messages().delete(accountSid, sid);
            tx.media().deleteByMessage(accountSid, sid);
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
