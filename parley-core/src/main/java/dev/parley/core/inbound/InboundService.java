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
import dev.parley.core.message.encoding.SmsSegmenter;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.optout.OptOutKeywords;
import dev.parley.core.optout.OptOutType;
import dev.parley.core.queue.Job;
import dev.parley.core.service.MessagingService;
import dev.parley.core.store.Storage;
import dev.parley.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives what handsets send to the installation's numbers: resolves the number to its account, stores
 * a {@code received} message, applies opt-out keywords (recording STOP/START and answering with Twilio's
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

    public InboundService(Storage storage, MessageService messages, Pricing pricing, IdGenerator ids, Clock clock,
            int webhookAttempts) {
        this(storage, messages, pricing, ids, clock, webhookAttempts, ConversationRouter.NONE);
    }

    /** With {@code conversations}: a message that belongs to a conversation goes there, not to the webhook. */
    public InboundService(Storage storage, MessageService messages, Pricing pricing, IdGenerator ids, Clock clock,
            int webhookAttempts, ConversationRouter conversations) {
        this.conversations = conversations;
        this.storage = storage;
        this.messages = messages;
        this.pricing = pricing;
        this.ids = ids;
        this.clock = clock;
        this.webhookAttempts = webhookAttempts;
    }

    /**
     * Payload of a {@code message.inbound} job; {@code profileName} is the WhatsApp sender's profile name (null for
     * SMS), posted as Twilio's {@code ProfileName}.
     */
    public record WebhookPayload(String sid, String optOutType, String profileName) {
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
        return storage.write(tx -> {
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
                    pricing.unit(), number.channelFor(toAddress.kind()), null, Message.StatusCallback.NONE, now, now,
                    now, in.groupRecipients());
            received = pricing.charge(tx, received);
            tx.messages().insert(received);
            // Twilio's STOP/START/HELP handling is SMS's: on WhatsApp the keywords are ordinary text for the webhook.
            Optional<OptOutType> keyword = whatsApp ? Optional.empty() : OptOutKeywords.classify(in.body());
            keyword.ifPresent(type -> applyKeyword(tx, number, service, from, type));
            if (conversations.route(tx, received)) {
                return received;
            }
            // With media, the webhook waits until they are stored: InboundMediaHandler fetches them, then enqueues it.
            String kind = !in.mediaUrls().isEmpty() ? InboundMediaHandler.KIND
                    : webhooks(number, service).isPresent() ? InboundWebhookHandler.KIND : null;
            if (kind != null) {
                String profile = whatsApp ? in.profileName() : null;
                String payload = new WebhookPayload(sid, keyword.map(Enum::name).orElse(null), profile).toJson();
                tx.jobs().enqueue(Job.create(ids.sid("JB"), number.accountSid(), kind, payload, now, webhookAttempts,
                        now));
            }
            return received;
        });
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
    private void applyKeyword(Tx tx, IncomingPhoneNumber number, Optional<MessagingService> service,
            PhoneNumber handset, OptOutType type) {
        String account = number.accountSid();
        String sender = number.phoneNumber().e164();
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
