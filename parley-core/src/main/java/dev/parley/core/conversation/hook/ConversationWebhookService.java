package dev.parley.core.conversation.hook;

import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.config.AddressConfigurationService;
import dev.parley.core.error.ApiException;
import dev.parley.core.tx.Storage;
import dev.parley.core.webhook.WebhookFields;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Conversations webhook configurations: the account's ({@code /conversations/v1/Configuration/Webhooks}), which
 * as on Twilio is its default service's, and each other service's own ({@code /Services/{Sid}/Configuration/Webhooks});
 * fetch and update. The hooks of a conversation follow its service's configuration
 * ({@link ConversationConfigStore#webhooksFor}), read by {@link ConversationEvents} and {@link PreEventHooks} when an
 * event happens. A refusal (a URL that is no absolute http(s) URL, a method, target or filter Twilio does not know)
 * writes nothing; a returned configuration is committed.
 */
public final class ConversationWebhookService {
    /** The events the service-wide configuration may filter on (pre- and post-event hooks). */
    static final Set<String> FILTERS = Set.of("onMessageAdd", "onMessageUpdate", "onMessageRemove",
            "onConversationAdd", "onConversationUpdate", "onConversationRemove", "onParticipantAdd",
            "onParticipantUpdate", "onParticipantRemove", "onUserUpdate", "onMessageAdded", "onMessageUpdated",
            "onMessageRemoved", "onConversationAdded", "onConversationUpdated", "onConversationRemoved",
            "onConversationStateUpdated", "onParticipantAdded", "onParticipantUpdated", "onParticipantRemoved",
            "onDeliveryUpdated", "onUserAdded", "onUserUpdated");
    /** The events a service's configuration may filter on: Twilio lists no user event there. */
    static final Set<String> SERVICE_FILTERS = FILTERS.stream().filter(f -> !f.startsWith("onUser"))
            .collect(Collectors.toUnmodifiableSet());
    private final Storage storage;
    private final ChatServiceService services;
    private final Clock clock;

    public ConversationWebhookService(Storage storage, ChatServiceService services, Clock clock) {
        this.storage = storage;
        this.services = services;
        this.clock = clock;
    }

    /** A service's webhook configuration, and the service it is of. */
    public record ServiceWebhooks(String chatServiceSid, WebhookConfiguration configuration) {
    }

    /** What an update sets, as given: null leaves a field as it is, "" clears a URL; filters replace the list. */
    public record Changes(String preWebhookUrl, String postWebhookUrl, String method, List<String> filters,
            String target) {
    }

    public WebhookConfiguration fetch(String accountSid) {
        return storage.read(tx -> ConversationEvents.configuration(tx, accountSid));
    }

    public WebhookConfiguration update(String accountSid, Changes c) {
        Checked checked = check(c, FILTERS);
        return storage.write(tx -> {
            WebhookConfiguration updated = checked.applyTo(ConversationEvents.configuration(tx, accountSid),
                    clock.instant());
            tx.conversationConfig().saveWebhooks(updated);
            return updated;
        });
    }

    /**
     * The configuration of the account's service {@code chatServiceSid} (Twilio's 20404 for another's): for the
     * default service, the account's.
     */
    public ServiceWebhooks fetchService(String accountSid, String chatServiceSid) {
        String service = services.resolve(accountSid, chatServiceSid);
        return new ServiceWebhooks(service, storage.read(tx -> ConversationEvents.configuration(tx, accountSid,
                service)));
    }

    /**
     * Updates the service's configuration (no {@code Target} here, as on Twilio): the default service's is the
     * account's, so this updates {@code /v1/Configuration/Webhooks} too; another service's is its own.
     */
    public ServiceWebhooks updateService(String accountSid, String chatServiceSid, Changes c) {
        Checked checked = check(new Changes(c.preWebhookUrl(), c.postWebhookUrl(), c.method(), c.filters(), null),
                SERVICE_FILTERS);
        String service = services.resolve(accountSid, chatServiceSid);
        return new ServiceWebhooks(service, storage.write(tx -> {
            WebhookConfiguration updated = checked.applyTo(ConversationEvents.configuration(tx, accountSid, service),
                    clock.instant());
            boolean isDefault = tx.chatServices().find(accountSid, service).map(ChatService::isDefault).orElse(true);
            if (isDefault) {
                tx.conversationConfig().saveWebhooks(updated);
            } else {
                tx.conversationConfig().saveServiceWebhooks(service, updated);
            }
            return updated;
        }));
    }

    /** An update's values, checked; null ones leave the current value. */
    private record Checked(Changes given, String pre, String post, String method, List<String> filters,
            String target) {
        WebhookConfiguration applyTo(WebhookConfiguration current, Instant now) {
            return new WebhookConfiguration(current.accountSid(),
                    given.preWebhookUrl() == null ? current.preWebhookUrl() : pre,
                    given.postWebhookUrl() == null ? current.postWebhookUrl() : post,
                    method == null ? current.method() : method, filters == null ? current.filters() : filters,
                    target == null ? current.target() : target, now);
        }
    }

    private static Checked check(Changes c, Set<String> allowed) {
        String pre = url(c.preWebhookUrl(), "PreWebhookUrl");
        String post = url(c.postWebhookUrl(), "PostWebhookUrl");
        String method = c.method() == null ? null : AddressConfigurationService.oneOf(c.method(),
                Set.of("get", "post"), "Method").toUpperCase(Locale.ROOT);
        String target = c.target() == null ? null
                : AddressConfigurationService.oneOf(c.target(), Set.of("webhook", "flex"), "Target");
        List<String> filters = c.filters() == null ? null
                : c.filters().stream().map(String::strip).filter(f -> !f.isEmpty()).distinct().toList();
        if (filters != null) {
            for (String filter : filters) {
                if (!allowed.contains(filter)) {
                    throw ApiException.badRequest(20001, "Filters: " + filter + " is not one of "
                            + allowed.stream().sorted().toList());
                }
            }
        }
        return new Checked(c, pre, post, method, filters, target);
    }

    /** A checked URL; null for null or "" (which clears it). */
    private static String url(String given, String name) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String url = given.strip();
        if (!WebhookFields.isHttpUrl(url)) {
            throw ApiException.badRequest(20001, name + " " + url + " is not an absolute http(s) URL");
        }
        return url;
    }
}
