package dev.parley.core.simulator;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.channel.Channels;
import dev.parley.core.error.ApiException;
import dev.parley.core.inbound.InboundMessage;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.store.Page;
import dev.parley.core.store.PageRequest;
import dev.parley.core.store.Storage;
import java.time.Duration;
import java.util.List;

/**
 * The handset simulator's own API: handsets send inbound messages, read their inbox, change behaviour. A handset is
 * an SMS number ({@code +1…}) or a WhatsApp user ({@code whatsapp:+1…}); the two are separate handsets, each with its
 * own inbox and behaviour.
 */
public final class SimulatorService {
    private final Storage storage;
    private final InboundService inbound;

    public SimulatorService(Storage storage, InboundService inbound) {
        this.storage = storage;
        this.inbound = inbound;
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

    /** What the account sent to this handset, newest first. */
    public Page<Message> inbox(String accountSid, String handset, PageRequest page) {
        String address = handset(handset);
        return storage.read(tx -> tx.messages().list(accountSid, new MessageFilter(address, null, null, null), page));
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
