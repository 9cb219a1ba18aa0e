package dev.parley.core.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.address.ChannelAddress;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.Pricing;
import dev.parley.core.message.SendRequest;
import dev.parley.core.message.WhatsAppRules;
import dev.parley.core.message.WhatsAppWindow;
import dev.parley.core.message.encoding.SmsSegmenter;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.ShortCode;
import dev.parley.core.optout.OptOutKeywords;
import dev.parley.core.optout.OptOutType;
import dev.parley.core.queue.Job;
import dev.parley.core.service.MessagingService;
import dev.parley.core.service.SenderPool;
import dev.parley.core.smsc.SmscDeliveries;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives what handsets send to the installation's numbers: resolves the number to its account, stores
 * a {@code received} message, records a WhatsApp user's message as opening the sender's 24-hour window
 * ({@link WhatsAppWindow}), applies opt-out keywords (recording STOP/START and answering with Twilio's
 * default texts) and enqueues the number's webhook — all in one transaction, so a received message is
 * never stored without its webhook job. A message with media gets a job that first stores them
 * ({@link InboundMediaHandler}) and then enqueues the webhook.
 */
public final class InboundService {
    private static final Logger log = LoggerFactory.getLogger(InboundService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Storage storage;
    private final MessageService messages;
    private final Pricing pricing;
    private final IdGenerator ids;
    private final Clock clock;
    private final int webhookAttempts;
    private final ConversationRouter conversations;
    private final SmscDeliveries smpp;

    /**
     * The collaborators of an {@link InboundService}. With {@code conversations} other than
     * {@link ConversationRouter#NONE}, a message that belongs to a conversation goes there, not to the webhook.
     */
    public record Parts(MessageService messages, Pricing pricing, int webhookAttempts,
            ConversationRouter conversations, SmscDeliveries smpp) {
        /** Parts without Parley's SMPP server: an {@code smpp://} SmsUrl then posts nothing. */
        public Parts(MessageService messages, Pricing pricing, int webhookAttempts, ConversationRouter conversations) {
            this(messages, pricing, webhookAttempts, conversations, null);
        }
    }

    public InboundService(Storage storage, IdGenerator ids, Clock clock, Parts parts) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
        this.messages = parts.messages();
        this.pricing = parts.pricing();
        this.webhookAttempts = parts.webhookAttempts();
        this.conversations = parts.conversations();
        this.smpp = parts.smpp();
    }

    /**
     * Payload of a {@code message.inbound} job; {@code profileName} is the WhatsApp sender's profile name (null for
     * SMS), posted as Twilio's {@code ProfileName}; {@code parameters} are the channel's own webhook parameters
     * ({@link InboundMessage#parameters()}; null in a job stored before they existed).
     */
    public record WebhookPayload(String sid, String optOutType, String profileName, Map<String, String> parameters) {
        public WebhookPayload(String sid, String optOutType, String profileName) {
            this(sid, optOutType, profileName, null);
        }

        String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static WebhookPayload fromJson(String json) {
            try {
                return JSON.readValue(json, WebhookPayload.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("bad inbound webhook payload", e);
            }
        }
    }

    /**
     * @param accountSid when not null, the number must belong to this account (the simulator API acts for
     *                   one account); channels pass null and the number decides.
     */
    public Message receive(String accountSid, InboundMessage in) {
        return storage.write(tx -> receiveIn(tx, accountSid, in));
    }

    /**
     * {@link #receive} inside the caller's transaction: a channel that must commit the message with changes of its own
     * (the parts of a concatenated SMS it reassembled) calls this. Throws {@link ApiException} before writing anything
     * when the message is refused (21606 for a number no account owns).
     */
    public Message receiveIn(Tx tx, String accountSid, InboundMessage in) {
        if (in.to() != null && ShortCode.isCode(in.to().strip())) {
            return receiveOnShortCode(tx, accountSid, in);
        }
        ChannelAddress fromAddress = ChannelAddress.parse(in.from()).orElseThrow(() -> ApiException.badRequest(21212,
                "The 'From' number " + in.from() + " is not a valid phone number."));
        ChannelAddress toAddress = ChannelAddress.parse(in.to()).orElseThrow(() -> ApiException.badRequest(21211,
                "The 'To' number " + in.to() + " is not a valid phone number."));
        WhatsAppRules.checkPair(fromAddress, toAddress);
        PhoneNumber from = fromAddress.number();
        PhoneNumber to = toAddress.number();
        boolean whatsApp = toAddress.isWhatsApp();
        int segments = whatsApp || !in.mediaUrls().isEmpty() ? 1
                : Math.max(1, SmsSegmenter.analyze(in.body(), false).numSegments());
        IncomingPhoneNumber number = tx.numbers().findByNumber(to)
                .filter(n -> accountSid == null || n.accountSid().equals(accountSid))
                .orElseThrow(() -> ApiException.badRequest(21606,
                        "The 'To' number " + to + " is not a phone number of this account."));
        if (!number.serves(toAddress.kind())) {
            throw ApiException.badRequest(63003, "Channel could not find To address: " + toAddress
                    + " is not a WhatsApp sender (a number receives WhatsApp once its WhatsAppChannel is set).");
        }
        Instant now = clock.instant();
        String sid = ids.sid(in.mediaUrls().isEmpty() && in.groupRecipients().isEmpty() ? "SM" : "MM");
        Optional<MessagingService> service = serviceOf(tx, number);
        Message received = new Message(sid, number.accountSid(), service.map(MessagingService::sid).orElse(null),
                fromAddress.wire(), toAddress.wire(), in.body(),
                in.mediaUrls(), segments, Direction.INBOUND, MessageStatus.RECEIVED, null, null, null,
                pricing.unit(), number.channelFor(toAddress.kind()), in.providerId(), Message.StatusCallback.NONE, now,
                now, now, in.groupRecipients());
        received = pricing.charge(tx, received);
        tx.messages().insert(received);
        // The user's message opens (or extends) the sender's 24-hour WhatsApp window, committed with the message.
        WhatsAppWindow.recordInbound(tx, number.accountSid(), fromAddress, toAddress, now);
        // Twilio's STOP/START/HELP handling is SMS's: on WhatsApp the keywords are ordinary text for the webhook.
        Optional<OptOutType> keyword = whatsApp ? Optional.empty() : OptOutKeywords.classify(in.body());
        keyword.ifPresent(type -> applyKeyword(tx, number.accountSid(), number.phoneNumber().e164(), service, from,
                type));
        if (conversations.route(tx, received)) {
            return received;
        }
        if (toSmpp(tx, received, webhooks(number, service))) {
            return received;
        }
        // With media, the webhook waits until they are stored: InboundMediaHandler fetches them, then enqueues it.
        String kind = !in.mediaUrls().isEmpty() ? InboundMediaHandler.KIND
                : webhooks(number, service).isPresent() ? InboundWebhookHandler.KIND : null;
        if (kind != null) {
            String profile = whatsApp ? in.profileName() : null;
            String payload = new WebhookPayload(sid, keyword.map(Enum::name).orElse(null), profile,
                    in.parameters().isEmpty() ? null : in.parameters()).toJson();
            tx.jobs().enqueue(Job.create(ids.sid("JB"), number.accountSid(), kind, payload, now, webhookAttempts,
                    now));
        }
        return received;
    }

    /**
     * Where the received message {@code m} is posted: the webhooks of the number or short code it was sent to (or of
     * its service), as {@link #webhooks} says. Empty when there is none, or the receiver is no longer the account's.
     */
    static Optional<IncomingPhoneNumber.Webhooks> webhooksOf(Tx tx, Message m) {
        if (ShortCode.isCode(m.to())) {
            return shortCodeOf(tx, m).flatMap(code -> webhooks(code, serviceOf(tx, code)));
        }
        return ChannelAddress.parse(m.to()).flatMap(to -> tx.numbers().findByNumber(to.number()))
                .filter(n -> n.accountSid().equals(m.accountSid()))
                .flatMap(n -> webhooks(n, serviceOf(tx, n)));
    }

    /**
     * A handset's SMS to one of the account's short codes (two-way short codes): the short code of the handset's
     * country with those digits. Stored, keyword-checked (STOP opts the handset out of the short code and its
     * service) and posted to the short code's webhooks, or its service's, as for a number. Short codes carry SMS
     * and MMS, not WhatsApp.
     */
    private Message receiveOnShortCode(Tx tx, String accountSid, InboundMessage in) {
        ChannelAddress fromAddress = ChannelAddress.parse(in.from()).filter(a -> !a.isWhatsApp())
                .orElseThrow(() -> ApiException.badRequest(21212, "The 'From' number " + in.from()
                        + " is not a valid phone number for a short code."));
        PhoneNumber from = fromAddress.number();
        String digits = in.to().strip();
        String country = SenderPool.countryOf(from);
        int segments = !in.mediaUrls().isEmpty() ? 1
                : Math.max(1, SmsSegmenter.analyze(in.body(), false).numSegments());
        ShortCode code = tx.shortCodes().findByCode(country, digits)
                .filter(c -> accountSid == null || c.accountSid().equals(accountSid))
                .orElseThrow(() -> ApiException.badRequest(21606, "The 'To' short code " + digits
                        + " is not a short code of this account in the sender's country (" + country + ")."));
        Instant now = clock.instant();
        String sid = ids.sid(in.mediaUrls().isEmpty() ? "SM" : "MM");
        Optional<MessagingService> service = serviceOf(tx, code);
        Message received = pricing.charge(tx, new Message(sid, code.accountSid(),
                service.map(MessagingService::sid).orElse(null), fromAddress.wire(), code.shortCode(), in.body(),
                in.mediaUrls(), segments, Direction.INBOUND, MessageStatus.RECEIVED, null, null, null,
                pricing.unit(), code.channel(), null, Message.StatusCallback.NONE, now, now, now));
        tx.messages().insert(received);
        Optional<OptOutType> keyword = OptOutKeywords.classify(in.body());
        keyword.ifPresent(type -> applyKeyword(tx, code.accountSid(), code.shortCode(), service, from, type));
        if (toSmpp(tx, received, webhooks(code, service))) {
            return received;
        }
        String kind = !in.mediaUrls().isEmpty() ? InboundMediaHandler.KIND
                : webhooks(code, service).isPresent() ? InboundWebhookHandler.KIND : null;
        if (kind != null) {
            String payload = new WebhookPayload(sid, keyword.map(Enum::name).orElse(null), null).toJson();
            tx.jobs().enqueue(Job.create(ids.sid("JB"), code.accountSid(), kind, payload, now, webhookAttempts,
                    now));
        }
        return received;
    }

    /**
     * A number (or short code) whose {@code SmsUrl} is {@code smpp://<SystemId>} hands its messages to that SMPP
     * credential's binds instead of a webhook: one {@code smpp.deliver} job, in this transaction. SMPP carries text,
     * so an MMS's media are not fetched; its body goes. True when the message went that way.
     */
    private boolean toSmpp(Tx tx, Message received, Optional<IncomingPhoneNumber.Webhooks> hooks) {
        Optional<String> systemId = hooks.flatMap(h -> SmscDeliveries.systemIdOf(h.smsUrl()));
        if (smpp == null || systemId.isEmpty()) {
            return false;
        }
        if (!smpp.mo(tx, received, systemId.get())) {
            log.warn("{} has no SMPP credential {}: inbound message {} is stored, not delivered",
                    received.accountSid(), systemId.get(), received.sid());
        }
        return true;
    }

    /** The account's short code a received message {@code m} was sent to, found by the sender's country. */
    private static Optional<ShortCode> shortCodeOf(Tx tx, Message m) {
        return ChannelAddress.parse(m.from())
                .flatMap(from -> tx.shortCodes().findByCode(SenderPool.countryOf(from.number()), m.to()))
                .filter(c -> c.accountSid().equals(m.accountSid()));
    }

    /** The Messaging Service holding {@code code}, if any. */
    private static Optional<MessagingService> serviceOf(Tx tx, ShortCode code) {
        return tx.serviceSenders().serviceOfShortCode(code.accountSid(), code.sid())
                .flatMap(entry -> tx.messagingServices().find(code.accountSid(), entry.serviceSid()));
    }

    /** As {@link #webhooks(IncomingPhoneNumber, Optional)}, for a short code (its own hooks, or its service's). */
    private static Optional<IncomingPhoneNumber.Webhooks> webhooks(ShortCode code,
            Optional<MessagingService> service) {
        if (service.isPresent()) {
            return service.get().inboundWebhooks(code.webhooks());
        }
        return Optional.ofNullable(code.webhooks().smsUrl() == null ? null : code.webhooks());
    }

    /** The Messaging Service whose pool holds {@code number}, if any. */
    static Optional<MessagingService> serviceOf(Tx tx, IncomingPhoneNumber number) {
        return tx.messagingServices().poolOf(number.accountSid(), number.sid())
                .flatMap(entry -> tx.messagingServices().find(number.accountSid(), entry.serviceSid()));
    }

    /**
     * Where a message received on {@code number} is posted: for a number of a service's pool, as the service says
     * ({@link MessagingService#inboundWebhooks}); else the number's own webhook. Empty when there is none.
     */
    static Optional<IncomingPhoneNumber.Webhooks> webhooks(IncomingPhoneNumber number,
            Optional<MessagingService> service) {
        if (service.isPresent()) {
            return service.get().inboundWebhooks(number);
        }
        return Optional.ofNullable(number.webhooks().smsUrl() == null ? null : number.webhooks());
    }

    /**
     * Records STOP/START for the number and, for a number of a service's pool, for the whole service (its sid and
     * every number of its pool), so that one STOP blocks the service's numbers for that handset.
     */
    void applyKeyword(Tx tx, String account, String sender, Optional<MessagingService> service,
            PhoneNumber handset, OptOutType type) {
        List<String> senders = new ArrayList<>(List.of(sender));
        service.ifPresent(s -> {
            senders.add(s.sid());
            tx.messagingServices().pool(account, s.sid()).stream().map(e -> e.phoneNumber().e164())
                    .filter(e164 -> !e164.equals(sender)).forEach(senders::add);
        });
        for (String each : senders) {
            switch (type) {
                case STOP -> tx.optOuts().optOut(account, each, handset.e164(), clock.instant());
                case START -> tx.optOuts().optIn(account, each, handset.e164());
                case HELP -> {
                }
            }
        }
        try {
            messages.createIn(tx, SendRequest.reply(account, handset.e164(), sender, OptOutKeywords.defaultReply(type),
                    null, null, null), true);
        } catch (ApiException e) {
            // The keyword counts even when its confirmation cannot be queued (the sender's queue is full: 21611).
            log.warn("no {} confirmation from {} to {}: {} {}", type, sender, handset.e164(), e.code(), e.getMessage());
        }
    }
}
