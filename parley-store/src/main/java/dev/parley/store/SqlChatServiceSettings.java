package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.conversation.config.ServiceNotifications;
import dev.parley.core.conversation.hook.WebhookConfiguration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * A Conversation Service's own webhook configuration and its push notification settings (V18), for
 * {@link SqlConversationConfigStore}. Filters are kept as names separated by commas ("" for none), flags as 0/1.
 */
final class SqlChatServiceSettings {

    static final class W {
        static final Table<Record> TABLE = table(name("chat_service_webhook_configurations"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SERVICE_SID = field(name("chat_service_sid"), String.class);
        static final Field<String> PRE_URL = field(name("pre_webhook_url"), String.class);
        static final Field<String> POST_URL = field(name("post_webhook_url"), String.class);
        static final Field<String> METHOD = field(name("method"), String.class);
        static final Field<String> FILTERS = field(name("filters"), String.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    static final class N {
        static final Table<Record> TABLE = table(name("chat_service_notifications"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SERVICE_SID = field(name("chat_service_sid"), String.class);
        static final Field<Integer> LOG = field(name("log_enabled"), Integer.class);
        static final Field<Integer> NEW_ENABLED = field(name("new_message_enabled"), Integer.class);
        static final Field<String> NEW_TEMPLATE = field(name("new_message_template"), String.class);
        static final Field<String> NEW_SOUND = field(name("new_message_sound"), String.class);
        static final Field<Integer> NEW_BADGE = field(name("new_message_badge_count_enabled"), Integer.class);
        static final Field<Integer> MEDIA_ENABLED = field(name("new_message_with_media_enabled"), Integer.class);
        static final Field<String> MEDIA_TEMPLATE = field(name("new_message_with_media_template"), String.class);
        static final Field<Integer> ADDED_ENABLED = field(name("added_enabled"), Integer.class);
        static final Field<String> ADDED_TEMPLATE = field(name("added_template"), String.class);
        static final Field<String> ADDED_SOUND = field(name("added_sound"), String.class);
        static final Field<Integer> REMOVED_ENABLED = field(name("removed_enabled"), Integer.class);
        static final Field<String> REMOVED_TEMPLATE = field(name("removed_template"), String.class);
        static final Field<String> REMOVED_SOUND = field(name("removed_sound"), String.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    /**
     * The account's configuration when the service is its default one, else the service's own: one statement, as it
     * runs on every conversation event. Columns 2-7 are the account's, 8-12 the service's.
     */
    private static final String WEBHOOKS_FOR = "SELECT c.default_of,"
            + " a.pre_webhook_url, a.post_webhook_url, a.method, a.filters, a.target, a.date_updated,"
            + " s.pre_webhook_url, s.post_webhook_url, s.method, s.filters, s.date_updated"
            + " FROM chat_services c"
            + " LEFT JOIN conversation_webhook_configurations a ON a.account_sid = c.account_sid"
            + " LEFT JOIN chat_service_webhook_configurations s"
            + " ON s.account_sid = c.account_sid AND s.chat_service_sid = c.sid"
            + " WHERE c.account_sid = ? AND c.sid = ?";

    private final Jdbc jdbc;

    SqlChatServiceSettings(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<WebhookConfiguration> webhooks(String accountSid, String chatServiceSid) {
        return jdbc.dsl().select().from(W.TABLE).where(W.ACCOUNT_SID.eq(accountSid), W.SERVICE_SID.eq(chatServiceSid))
                .fetchOptional(r -> new WebhookConfiguration(r.get(W.ACCOUNT_SID), r.get(W.PRE_URL), r.get(W.POST_URL),
                        r.get(W.METHOD), filters(r.get(W.FILTERS)), "webhook",
                        Micros.toInstant(r.get(W.DATE_UPDATED))));
    }

    void saveWebhooks(String chatServiceSid, WebhookConfiguration w) {
        SqlConversationConfigStore.upsert(jdbc, W.TABLE, Map.of(W.ACCOUNT_SID, w.accountSid(),
                W.SERVICE_SID, chatServiceSid), SqlConversationConfigStore.columns(
                W.PRE_URL, w.preWebhookUrl(),
                W.POST_URL, w.postWebhookUrl(),
                W.METHOD, w.method(),
                W.FILTERS, String.join(",", w.filters()),
                W.DATE_UPDATED, Micros.of(w.dateUpdated())));
    }

    Optional<WebhookConfiguration> webhooksFor(String accountSid, String chatServiceSid) {
        return jdbc.one(WEBHOOKS_FOR, s -> {
            s.setString(1, accountSid);
            s.setString(2, chatServiceSid);
        }, r -> {
            boolean isDefault = r.getString(1) != null;
            int at = isDefault ? 2 : 8;
            String method = r.getString(at + 2);
            if (method == null) {
                return Optional.<WebhookConfiguration>empty(); // the configuration that applies was never saved
            }
            return Optional.of(new WebhookConfiguration(accountSid, r.getString(at), r.getString(at + 1), method,
                    filters(r.getString(at + 3)), isDefault ? r.getString(6) : "webhook",
                    Micros.toInstant(Jdbc.getLong(r, isDefault ? 7 : 12))));
        }).flatMap(found -> found);
    }

    Optional<ServiceNotifications> notifications(String accountSid, String chatServiceSid) {
        return jdbc.dsl().select().from(N.TABLE).where(N.ACCOUNT_SID.eq(accountSid), N.SERVICE_SID.eq(chatServiceSid))
                .fetchOptional(r -> new ServiceNotifications(r.get(N.ACCOUNT_SID), r.get(N.SERVICE_SID),
                        r.get(N.LOG) != 0,
                        new ServiceNotifications.NewMessage(r.get(N.NEW_ENABLED) != 0, r.get(N.NEW_TEMPLATE),
                                r.get(N.NEW_SOUND), r.get(N.NEW_BADGE) != 0, r.get(N.MEDIA_ENABLED) != 0,
                                r.get(N.MEDIA_TEMPLATE)),
                        new ServiceNotifications.Notice(r.get(N.ADDED_ENABLED) != 0, r.get(N.ADDED_TEMPLATE),
                                r.get(N.ADDED_SOUND)),
                        new ServiceNotifications.Notice(r.get(N.REMOVED_ENABLED) != 0, r.get(N.REMOVED_TEMPLATE),
                                r.get(N.REMOVED_SOUND)),
                        Micros.toInstant(r.get(N.DATE_UPDATED))));
    }

    void saveNotifications(ServiceNotifications n) {
        ServiceNotifications.NewMessage m = n.newMessage();
        SqlConversationConfigStore.upsert(jdbc, N.TABLE, Map.of(N.ACCOUNT_SID, n.accountSid(),
                N.SERVICE_SID, n.chatServiceSid()), SqlConversationConfigStore.columns(
                N.LOG, flag(n.logEnabled()),
                N.NEW_ENABLED, flag(m.enabled()),
                N.NEW_TEMPLATE, m.template(),
                N.NEW_SOUND, m.sound(),
                N.NEW_BADGE, flag(m.badgeCountEnabled()),
                N.MEDIA_ENABLED, flag(m.withMediaEnabled()),
                N.MEDIA_TEMPLATE, m.withMediaTemplate(),
                N.ADDED_ENABLED, flag(n.addedToConversation().enabled()),
                N.ADDED_TEMPLATE, n.addedToConversation().template(),
                N.ADDED_SOUND, n.addedToConversation().sound(),
                N.REMOVED_ENABLED, flag(n.removedFromConversation().enabled()),
                N.REMOVED_TEMPLATE, n.removedFromConversation().template(),
                N.REMOVED_SOUND, n.removedFromConversation().sound(),
                N.DATE_UPDATED, Micros.of(n.dateUpdated())));
    }

    /** Deletes both with the service ({@link SqlChatServiceStore#delete}). */
    void deleteService(String accountSid, String chatServiceSid) {
        jdbc.dsl().deleteFrom(W.TABLE).where(W.ACCOUNT_SID.eq(accountSid), W.SERVICE_SID.eq(chatServiceSid)).execute();
        jdbc.dsl().deleteFrom(N.TABLE).where(N.ACCOUNT_SID.eq(accountSid), N.SERVICE_SID.eq(chatServiceSid)).execute();
    }

    private static int flag(boolean on) {
        return on ? 1 : 0;
    }

    private static List<String> filters(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
