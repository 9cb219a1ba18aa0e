package dev.parley.core.conversation.hook;

import java.time.Instant;
import java.util.List;

/**
 * The account's service-wide Conversations webhook configuration ({@code /v1/Configuration/Webhooks}): post-event
 * hooks go to {@code postWebhookUrl} and pre-event hooks ({@link PreEventHooks}) to {@code preWebhookUrl}, with
 * {@code method}, for the events named in {@code filters}, when {@code target} is {@code webhook}.
 */
public record WebhookConfiguration(String accountSid, String preWebhookUrl, String postWebhookUrl, String method,
        List<String> filters, String target, Instant dateUpdated) {
    public WebhookConfiguration {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** What an account that never configured webhooks has: no URL, POST, no filter, target webhook. */
    public static WebhookConfiguration none(String accountSid) {
        return new WebhookConfiguration(accountSid, null, null, "POST", List.of(), "webhook", null);
    }

    /** Whether a post-event hook for {@code event} is to be sent. */
    public boolean posts(String event) {
        return "webhook".equals(target) && postWebhookUrl != null && filters.contains(event);
    }

    /** Whether {@code event} (a pre-event: {@code onMessageAdd}…) is to be asked of the pre-event hook. */
    public boolean asks(String event) {
        return "webhook".equals(target) && preWebhookUrl != null && filters.contains(event);
    }
}
