package dev.parley.core.conversation.config;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.WebhookFields;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Address configurations ({@code /conversations/v1/Configuration/Addresses}): one per address of the account (an SMS
 * number, or a WhatsApp sender as {@code whatsapp:+…}, or a chat address: a name such as {@code support}), saying
 * whether a message received there from a sender in no open conversation on it starts one ({@link AddressAutoCreation};
 * for chat, {@code dev.parley.core.chat.ChatActions#start}). A refusal writes nothing; a returned resource is
 * committed.
 */
public final class AddressConfigurationService {
    /** The address types of Twilio's spec; Parley's channels serve sms and whatsapp, its web chat chat. */
    static final Set<String> TYPES = Set.of("sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat");
    static final Set<String> SERVED_TYPES = Set.of("sms", "whatsapp", "chat");
    /** What a chat address may be: a name a web-chat client starts conversations with (ADR 0027). */
    private static final java.util.regex.Pattern CHAT_ADDRESS = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._@-]{0,255}");
    static final Set<String> AUTO_TYPES = Set.of("webhook", "studio", "default");
    /** The events a conversation-scoped webhook may filter on. */
    public static final Set<String> FILTERS = Set.of("onMessageAdded", "onMessageUpdated", "onMessageRemoved",
            "onConversationUpdated", "onConversationStateUpdated", "onConversationRemoved", "onParticipantAdded",
            "onParticipantUpdated", "onParticipantRemoved", "onDeliveryUpdated");
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public AddressConfigurationService(Storage storage, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /** The {@code AutoCreation.*} parameters as given; null leaves a field as it is (at its default on create). */
    public record AutoCreationChanges(String enabled, String type, String conversationServiceSid, String webhookUrl,
            String webhookMethod, List<String> webhookFilters, String studioFlowSid, String studioRetryCount) {
    }

    /** A create's parameters, as given. */
    public record Creation(String type, String address, String friendlyName, String addressCountry,
            AutoCreationChanges autoCreation) {
    }

    public AddressConfiguration create(String accountSid, Creation c) {
        String type = type(c.type());
        String address = address(type, c.address());
        String friendlyName = friendlyName(c.friendlyName());
        AddressConfiguration.AutoCreation none = new AddressConfiguration.AutoCreation(false, "default", null, null,
                null, List.of(), null, null);
        return storage.write(tx -> {
            if (!type.equals("chat")) {
                checkOwned(tx, accountSid, address);
            }
            Instant now = clock.instant();
            AddressConfiguration created = new AddressConfiguration(ids.sid("IG"), accountSid, type, address,
                    friendlyName, blankToNull(c.addressCountry()), autoCreation(tx, accountSid, none,
                    c.autoCreation()), now, now);
            if (!tx.conversationConfig().insertAddress(created)) {
                // Twilio documents no code of its own for this refusal: its generic invalid-parameter one.
                throw ApiException.badRequest(20001, "An address configuration for " + address + " already exists");
            }
            return created;
        });
    }

    /** The configuration named by its {@code IG} SID or by its address ({@code +1…}, {@code whatsapp:+1…}). */
    public AddressConfiguration fetch(String accountSid, String sidOrAddress) {
        return storage.read(tx -> find(tx, accountSid, sidOrAddress));
    }

    /** Newest first; {@code type} null or blank lists every type. */
    public Page<AddressConfiguration> list(String accountSid, String type, PageRequest page) {
        String wanted = type == null || type.isBlank() ? null : type(type);
        return storage.read(tx -> tx.conversationConfig().listAddresses(accountSid, wanted, page));
    }

    public AddressConfiguration update(String accountSid, String sidOrAddress, String friendlyName,
            AutoCreationChanges changes) {
        String name = friendlyName == null ? null : friendlyName(friendlyName);
        return storage.write(tx -> {
            AddressConfiguration current = find(tx, accountSid, sidOrAddress);
            AddressConfiguration updated = current.with(friendlyName == null ? current.friendlyName() : name,
                    autoCreation(tx, accountSid, current.autoCreation(), changes), clock.instant());
            tx.conversationConfig().updateAddress(updated);
            return updated;
        });
    }

    public void delete(String accountSid, String sidOrAddress) {
        if (!storage.write(tx -> tx.conversationConfig().deleteAddress(accountSid,
                find(tx, accountSid, sidOrAddress).sid()))) {
            throw notFound(sidOrAddress);
        }
    }

    /**
     * Twilio's {@code {Sid}} here is "either the sid or the address of the configuration": an address is read as
     * {@link ChannelAddress#parse} reads one, so {@code WhatsApp:+1 415…} finds {@code whatsapp:+1415…}.
     */
    private static AddressConfiguration find(Tx tx, String accountSid, String sidOrAddress) {
        Optional<AddressConfiguration> found = sidOrAddress.matches("IG[0-9a-fA-F]{32}")
                ? tx.conversationConfig().findAddress(accountSid, sidOrAddress)
                : ChannelAddress.parse(sidOrAddress).flatMap(a -> tx.conversationConfig()
                        .findByAddress(accountSid, a.wire()))
                        .or(() -> tx.conversationConfig().findByAddress(accountSid, sidOrAddress.strip())
                                .filter(c -> c.type().equals("chat")));
        return found.orElseThrow(() -> notFound(sidOrAddress));
    }

    private static ApiException notFound(String sid) {
        return ApiException.notFound("/Configuration/Addresses/" + sid);
    }

    /** {@code current} with the given changes applied and checked as a whole. */
    private static AddressConfiguration.AutoCreation autoCreation(Tx tx, String accountSid,
            AddressConfiguration.AutoCreation current, AutoCreationChanges c) {
        boolean enabled = c.enabled() == null ? current.enabled() : bool(c.enabled(), "AutoCreation.Enabled");
        String type = c.type() == null ? current.type() : oneOf(c.type(), AUTO_TYPES, "AutoCreation.Type");
        String service = c.conversationServiceSid() == null ? current.conversationServiceSid()
                : blankToNull(c.conversationServiceSid());
        if (service != null && tx.chatServices().find(accountSid, service).isEmpty()) {
            throw ApiException.badRequest(20001, "AutoCreation.ConversationServiceSid " + service
                    + " is not a Conversation Service of this account");
        }
        String url = c.webhookUrl() == null ? current.webhookUrl() : blankToNull(c.webhookUrl());
        if (url != null && !WebhookFields.isHttpUrl(url)) {
            throw ApiException.badRequest(20001, "AutoCreation.WebhookUrl " + url + " is not an absolute http(s) URL");
        }
        String method = c.webhookMethod() == null ? current.webhookMethod()
                : oneOf(c.webhookMethod(), Set.of("get", "post"), "AutoCreation.WebhookMethod")
                        .toUpperCase(Locale.ROOT);
        List<String> filters = c.webhookFilters() == null || c.webhookFilters().isEmpty() ? current.webhookFilters()
                : c.webhookFilters().stream().map(String::strip).filter(f -> !f.isEmpty()).distinct().toList();
        for (String filter : filters) {
            if (!FILTERS.contains(filter)) {
                throw ApiException.badRequest(20001, "AutoCreation.WebhookFilters: " + filter
                        + " is not one of " + FILTERS.stream().sorted().toList());
            }
        }
        String flow = c.studioFlowSid() == null ? current.studioFlowSid() : blankToNull(c.studioFlowSid());
        if (flow != null && !flow.matches("FW[0-9a-fA-F]{32}")) {
            throw ApiException.badRequest(20001, "AutoCreation.StudioFlowSid " + flow + " is not a Studio Flow SID");
        }
        Integer retries = c.studioRetryCount() == null ? current.studioRetryCount()
                : integer(c.studioRetryCount(), "AutoCreation.StudioRetryCount");
        if (type.equals("webhook") && url == null) {
            throw ApiException.badRequest(20001, "AutoCreation.WebhookUrl is required when AutoCreation.Type is webhook");
        }
        if (type.equals("studio") && flow == null) {
            throw ApiException.badRequest(20001,
                    "AutoCreation.StudioFlowSid is required when AutoCreation.Type is studio");
        }
        return new AddressConfiguration.AutoCreation(enabled, type, service, url,
                method == null && url != null ? "POST" : method, filters, flow, retries);
    }

    private static String type(String given) {
        if (given == null || given.isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter Type in the post body");
        }
        String type = oneOf(given, TYPES, "Type");
        if (!SERVED_TYPES.contains(type)) {
            throw ApiException.badRequest(20001, "Type " + type + " is not served here: Parley's channels are "
                    + SERVED_TYPES.stream().sorted().toList());
        }
        return type;
    }

    /** The address in wire form: a WhatsApp one gets its {@code whatsapp:} prefix, an SMS one must have none. */
    private static String address(String type, String given) {
        if (given == null || given.isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter Address in the post body");
        }
        if (type.equals("chat")) {
            // A name, never a number: a handset's text to a number must not find a chat configuration.
            if (!CHAT_ADDRESS.matcher(given.strip()).matches() || ChannelAddress.parse(given.strip()).isPresent()) {
                throw ApiException.badRequest(20001, "Address " + given + " is not a chat address: letters, digits,"
                        + " '.', '_', '@' or '-', at most 256, starting with a letter or digit, and not a number");
            }
            return given.strip();
        }
        ChannelAddress parsed = ChannelAddress.parse(given.strip()).orElseThrow(() -> ApiException.badRequest(20001,
                "Address " + given + " is not a phone number or whatsapp: address"));
        boolean whatsApp = type.equals("whatsapp");
        if (parsed.isWhatsApp() && !whatsApp) {
            throw ApiException.badRequest(20001, "Address " + given + " is a WhatsApp address, but Type is " + type);
        }
        return whatsApp ? ChannelAddress.whatsApp(parsed.number()).wire() : parsed.wire();
    }

    /** The address must be a number of the account serving its channel (a WhatsApp sender for whatsapp). */
    private static void checkOwned(Tx tx, String accountSid, String address) {
        ChannelAddress parsed = ChannelAddress.parse(address).orElseThrow();
        boolean owned = tx.numbers().findByNumber(parsed.number())
                .filter(n -> n.accountSid().equals(accountSid) && n.serves(parsed.kind())).isPresent();
        if (!owned) {
            throw ApiException.badRequest(20001, "Address " + address + " is not "
                    + (parsed.isWhatsApp() ? "a WhatsApp sender" : "a phone number") + " of this account");
        }
    }

    private static String friendlyName(String given) {
        if (given != null && given.length() > 256) {
            throw ApiException.badRequest(20001, "FriendlyName is limited to 256 characters, not " + given.length());
        }
        return blankToNull(given);
    }

    /** {@code given}, in lower case, when it is one of {@code allowed}; otherwise Twilio's 20001. */
    public static String oneOf(String given, Set<String> allowed, String name) {
        String value = given.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw ApiException.badRequest(20001, name + " must be one of " + allowed.stream().sorted().toList()
                    + ", not " + given);
        }
        return value;
    }

    private static boolean bool(String given, String name) {
        return switch (given.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(20001, name + " must be true or false, not " + given);
        };
    }

    private static Integer integer(String given, String name) {
        if (given.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(given.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(20001, name + " must be a whole number, not " + given);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
