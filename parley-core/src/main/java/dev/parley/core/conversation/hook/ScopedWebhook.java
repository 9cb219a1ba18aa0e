package dev.parley.core.conversation.hook;

import java.time.Instant;
import java.util.List;

/**
 * A conversation-scoped webhook ({@code WH} SID): with target {@code webhook}, the post-event hooks of its
 * conversation named in {@code filters} go to {@code url} with {@code method}.
 */
public record ScopedWebhook(String sid, String accountSid, String conversationSid, String target, Settings settings,
        Instant dateCreated, Instant dateUpdated) {

    /** The target's configuration; null fields are unset. */
    public record Settings(String url, String method, List<String> filters, List<String> triggers, String flowSid,
            Integer replayAfter) {
        public Settings {
            filters = filters == null ? List.of() : List.copyOf(filters);
            triggers = triggers == null ? List.of() : List.copyOf(triggers);
        }
    }

    /** Whether this webhook receives {@code event}. */
    public boolean posts(String event) {
        return "webhook".equals(target) && settings.url() != null && settings.filters().contains(event);
    }
}
