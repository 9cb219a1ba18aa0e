package dev.parley.core.conversation;

import dev.parley.core.error.ApiException;
import dev.parley.core.store.Storage;
import dev.parley.core.webhook.WebhookFields;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The account's service-wide webhook configuration ({@code /conversations/v1/Configuration/Webhooks}): fetch and
 * update. A refusal (a URL that is no absolute http(s) URL, a method, target or filter Twilio does not know) writes
 * nothing; a returned configuration is committed. {@link ConversationEvents} reads it when an event happens.
 */
public final class ConversationWebhookService {
    /** The events the service-wide configuration may filter on (pre- and post-event hooks). */
    static final Set<String> FILTERS = Set.of("onMessageAdd", "onMessageUpdate", "onMessageRemove",
            "onConversationAdd", "onConversationUpdate", "onConversationRemove", "onParticipantAdd",
            "onParticipantUpdate", "onParticipantRemove", "onUserUpdate", "onMessageAdded", "onMessageUpdated",
            "onMessageRemoved", "onConversationAdded", "onConversationUpdated", "onConversationRemoved",
            "onConversationStateUpdated", "onParticipantAdded", "onParticipantUpdated", "onParticipantRemoved",
            "onDeliveryUpdated", "onUserAdded", "onUserUpdated");
    private final Storage storage;
    private final Clock clock;

    public ConversationWebhookService(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** What an update sets, as given: null leaves a field as it is, "" clears a URL; filters replace the list. */
    public record Changes(String preWebhookUrl, String postWebhookUrl, String method, List<String> filters,
            String target) {
    }

    public WebhookConfiguration fetch(String accountSid) {
        return storage.read(tx -> ConversationEvents.configuration(tx, accountSid));
    }

    public WebhookConfiguration update(String accountSid, Changes c) {
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
                if (!FILTERS.contains(filter)) {
                    throw ApiException.badRequest(20001, "Filters: " + filter + " is not one of "
                            + FILTERS.stream().sorted().toList());
                }
            }
        }
        return storage.write(tx -> {
            WebhookConfiguration current = ConversationEvents.configuration(tx, accountSid);
            WebhookConfiguration updated = new WebhookConfiguration(accountSid,
                    c.preWebhookUrl() == null ? current.preWebhookUrl() : pre,
                    c.postWebhookUrl() == null ? current.postWebhookUrl() : post,
                    method == null ? current.method() : method, filters == null ? current.filters() : filters,
                    target == null ? current.target() : target, clock.instant());
            tx.conversationConfig().saveWebhooks(updated);
            return updated;
        });
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
