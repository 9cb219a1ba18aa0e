package dev.parley.channels.twilio;

import dev.parley.core.account.Account;
import dev.parley.core.address.ChannelAddress;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.error.ApiException;
import dev.parley.core.inbound.InboundMessage;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.HttpChannelHealth;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderRequest;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderResponse;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.number.ShortCode;
import dev.parley.core.service.SenderPool;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.RequestSignature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream account's webhooks to one {@link TwilioUpstreamChannel}: {@code /status} (status callbacks of the
 * messages Parley created there) and {@code /inbound} (the {@code SmsUrl} of the upstream's numbers). Each request must
 * carry the {@code X-Twilio-Signature} the upstream's auth token gives over the URL Parley was called on and the form
 * parameters (a GET: the URL alone); anything else is answered 403 and changes nothing.
 *
 * <p>A status callback becomes a receipt ({@code delivered}, {@code undelivered}, {@code failed}, {@code read}; the
 * upstream's {@code queued}/{@code sending}/{@code sent} add nothing to what the send already stored) through the
 * receipt path, which applies it in lifecycle order and ignores a repeat. An inbound message goes to
 * {@link dev.parley.core.inbound.InboundService} with the upstream's {@code MessageSid} stored as its provider id, so a
 * repeated webhook is stored once; it is answered with empty TwiML once committed (Parley answers for itself, through
 * its own numbers' webhooks and conversations).
 */
final class UpstreamWebhooks {
    private static final Logger log = LoggerFactory.getLogger(UpstreamWebhooks.class);
    static final String PATH = "/webhooks/twilio/";
    static final String STATUS = "/status";
    static final String INBOUND = "/inbound";
    /** Query parameters of the status callback URL naming the Parley message (see {@code statusCallback}). */
    static final String ACCOUNT_PARAM = "ParleyAccountSid";
    static final String MESSAGE_PARAM = "ParleyMessageSid";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    private static final int MAX_MEDIA = 10;

    private final String name;
    private final String ownerAccountSid;
    private final String authToken;
    private final TwilioUpstreamChannel.Parts parts;
    private final HttpChannelHealth health;

    UpstreamWebhooks(String name, String ownerAccountSid, String authToken, TwilioUpstreamChannel.Parts parts,
            HttpChannelHealth health) {
        this.name = name;
        this.ownerAccountSid = ownerAccountSid;
        this.authToken = authToken;
        this.parts = parts;
        this.health = health;
    }

    ProviderResponse handle(ProviderRequest request) {
        boolean post = "POST".equals(request.method());
        if (!post && !"GET".equals(request.method())) {
            return ProviderResponse.text(405, "POST or GET only");
        }
        Map<String, List<String>> form;
        try {
            form = post ? Forms.decode(request.body()) : Map.of();
        } catch (IllegalArgumentException e) {
            return ProviderResponse.text(400, "malformed form body");
        }
        if (!RequestSignature.matches(authToken, request.url(), form,
                request.headers().get(RequestSignature.HEADER.toLowerCase(Locale.ROOT)))) {
            // The health logs it (rate-limited): a wrong AuthToken shows first here.
            health.webhookRefused("refused a webhook to " + request.subPath() + " without a valid "
                    + RequestSignature.HEADER);
            return ProviderResponse.text(403, "invalid " + RequestSignature.HEADER);
        }
        Map<String, List<String>> fields = post ? form : request.query();
        return switch (request.subPath()) {
            case STATUS -> status(request, fields);
            case INBOUND -> inbound(fields);
            default -> ProviderResponse.text(404, "no webhook at " + request.subPath());
        };
    }

    private ProviderResponse status(ProviderRequest request, Map<String, List<String>> fields) {
        String upstreamSid = Forms.first(fields, "MessageSid");
        String reported = Optional.ofNullable(Forms.first(fields, "MessageStatus"))
                .orElse(Forms.first(fields, "SmsStatus"));
        if (upstreamSid == null || reported == null) {
            return ProviderResponse.text(400, "MessageSid and MessageStatus are required");
        }
        MessageStatus status = switch (reported) {
            case "delivered" -> MessageStatus.DELIVERED;
            case "undelivered" -> MessageStatus.UNDELIVERED;
            case "failed" -> MessageStatus.FAILED;
            case "read" -> MessageStatus.READ;
            default -> null;
        };
        if (status == null) {
            return ProviderResponse.empty(204);
        }
        Integer errorCode = errorCode(Forms.first(fields, "ErrorCode"), status);
        Instant now = parts.clock().instant();
        boolean found = parts.storage().write(tx -> {
            Optional<Message> message = messageOf(tx, request, upstreamSid);
            message.ifPresent(m -> parts.receipts().enqueue(tx, new ReceiptSink.Receipt(m.accountSid(), m.sid(),
                    status, errorCode, now, now)));
            return message.isPresent();
        });
        return found ? ProviderResponse.empty(204) : ProviderResponse.text(404, "no message " + upstreamSid);
    }

    /** The upstream's error code for a message that did not arrive: its own, or 30008 when it gives none. */
    private static Integer errorCode(String given, MessageStatus status) {
        if (status == MessageStatus.DELIVERED || status == MessageStatus.READ) {
            return null;
        }
        try {
            int code = given == null ? 0 : Integer.parseInt(given.strip());
            return code > 0 ? code : 30008;
        } catch (NumberFormatException e) {
            return 30008;
        }
    }

    /**
     * The Parley message a callback is about: named by the callback URL's query (which the signature covers), else
     * found by the upstream's sid; only a message of the owner (or its subaccounts) whose provider id is not another.
     */
    private Optional<Message> messageOf(Tx tx, ProviderRequest request, String upstreamSid) {
        String account = request.queryParam(ACCOUNT_PARAM);
        String sid = request.queryParam(MESSAGE_PARAM);
        Optional<Message> message = account != null && sid != null ? tx.messages().find(account, sid)
                : tx.messages().findByProviderId(name, upstreamSid);
        return message.filter(m -> m.providerId() == null || m.providerId().equals(upstreamSid))
                .filter(m -> ownedBy(tx, m.accountSid()));
    }

    private ProviderResponse inbound(Map<String, List<String>> fields) {
        String upstreamSid = Forms.first(fields, "MessageSid");
        String from = Forms.first(fields, "From");
        String to = Forms.first(fields, "To");
        if (upstreamSid == null || from == null || to == null) {
            return ProviderResponse.text(400, "MessageSid, From and To are required");
        }
        List<String> media = new ArrayList<>();
        for (int i = 0; i < MAX_MEDIA && Forms.first(fields, "MediaUrl" + i) != null; i++) {
            media.add(Forms.first(fields, "MediaUrl" + i));
        }
        InboundMessage in = new InboundMessage(name, from, to, Forms.first(fields, "Body"), media,
                Forms.first(fields, "ProfileName"), List.of(), upstreamSid, Map.of());
        try {
            Message stored = parts.storage().write(tx -> {
                Receiver receiver = receiver(tx, from, to);
                if (!ownedBy(tx, receiver.accountSid())) {
                    throw ApiException.badRequest(21606, "The 'To' number " + to + " is not a phone number of "
                            + "the account that owns " + name + ".");
                }
                Optional<Message> repeated = receiver.channel() == null ? Optional.empty()
                        : tx.messages().findByProviderId(receiver.channel(), upstreamSid);
                if (repeated.isPresent()) {
                    return repeated.get();
                }
                Message received = parts.inbound().receiveIn(tx, receiver.accountSid(), in);
                if (received.providerId() == null) {
                    // The inbound path stores a number's message with its provider id; a short code's, not (yet).
                    received = received.withProviderId(upstreamSid);
                    tx.messages().updateStatus(received);
                }
                return received;
            });
            log.debug("{}: inbound {} stored as {}", name, upstreamSid, stored.sid());
        } catch (ApiException e) {
            log.info("{}: refused inbound {} from {} to {}: {} {}", name, upstreamSid, from, to, e.code(),
                    e.getMessage());
            return ProviderResponse.text(400, e.code() + " " + e.getMessage());
        }
        return new ProviderResponse(200, "text/xml; charset=utf-8", EMPTY_TWIML);
    }

    /** Who a message to {@code to} reaches: the account owning the number or short code, and its channel. */
    private record Receiver(String accountSid, String channel) {
    }

    private static Receiver receiver(Tx tx, String from, String to) {
        ApiException unknown = ApiException.badRequest(21606, "The 'To' number " + to
                + " is not a phone number of any account.");
        if (ShortCode.isCode(to.strip())) {
            ChannelAddress sender = ChannelAddress.parse(from).orElseThrow(() -> unknown);
            return tx.shortCodes().findByCode(SenderPool.countryOf(sender.number()), to.strip())
                    .map(code -> new Receiver(code.accountSid(), code.channel())).orElseThrow(() -> unknown);
        }
        ChannelAddress address = ChannelAddress.parse(to).orElseThrow(() -> ApiException.badRequest(21211,
                "The 'To' number " + to + " is not a valid phone number."));
        PhoneNumber number = address.number();
        return tx.numbers().findByNumber(number)
                .map(n -> new Receiver(n.accountSid(), n.channelFor(address.kind())))
                .orElseThrow(() -> unknown);
    }

    /** The connection's owner, or one of its subaccounts. */
    private boolean ownedBy(Tx tx, String accountSid) {
        return ownerAccountSid.equals(accountSid) || tx.accounts().find(accountSid)
                .map(Account::ownerAccountSid).filter(ownerAccountSid::equals).isPresent();
    }
}
