package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.conversation.config.AddressConfiguration;
import dev.parley.core.conversation.config.ConversationConfigStore;
import dev.parley.core.conversation.config.ConversationDefaults;
import dev.parley.core.conversation.config.ServiceConfiguration;
import dev.parley.core.conversation.config.ServiceNotifications;
import dev.parley.core.conversation.hook.WebhookConfiguration;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The account's Conversations defaults and its address configurations (V12). */
final class SqlConversationConfigStore implements ConversationConfigStore {

    static final class D {
        static final Table<Record> TABLE = table(name("conversation_configurations"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> MESSAGING_SERVICE_SID = field(name("default_messaging_service_sid"), String.class);
        static final Field<String> INACTIVE = field(name("default_inactive_timer"), String.class);
        static final Field<String> CLOSED = field(name("default_closed_timer"), String.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    static final class S {
        static final Table<Record> TABLE = table(name("chat_service_configurations"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SERVICE_SID = field(name("chat_service_sid"), String.class);
        static final Field<String> CREATOR_ROLE = field(name("default_conversation_creator_role_sid"), String.class);
        static final Field<String> CONVERSATION_ROLE = field(name("default_conversation_role_sid"), String.class);
        static final Field<String> SERVICE_ROLE = field(name("default_chat_service_role_sid"), String.class);
        static final Field<Integer> REACHABILITY = field(name("reachability_enabled"), Integer.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    static final class W {
        static final Table<Record> TABLE = table(name("conversation_webhook_configurations"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> PRE_URL = field(name("pre_webhook_url"), String.class);
        static final Field<String> POST_URL = field(name("post_webhook_url"), String.class);
        static final Field<String> METHOD = field(name("method"), String.class);
        static final Field<String> FILTERS = field(name("filters"), String.class);
        static final Field<String> TARGET = field(name("target"), String.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    static final class A {
        static final Table<Record> TABLE = table(name("conversation_address_configurations"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> TYPE = field(name("address_type"), String.class);
        static final Field<String> ADDRESS = field(name("address"), String.class);
        static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
        static final Field<String> COUNTRY = field(name("address_country"), String.class);
        static final Field<Integer> ENABLED = field(name("auto_enabled"), Integer.class);
        static final Field<String> AUTO_TYPE = field(name("auto_type"), String.class);
        static final Field<String> SERVICE_SID = field(name("auto_service_sid"), String.class);
        static final Field<String> WEBHOOK_URL = field(name("webhook_url"), String.class);
        static final Field<String> WEBHOOK_METHOD = field(name("webhook_method"), String.class);
        static final Field<String> WEBHOOK_FILTERS = field(name("webhook_filters"), String.class);
        static final Field<String> STUDIO_FLOW_SID = field(name("studio_flow_sid"), String.class);
        static final Field<Integer> STUDIO_RETRY_COUNT = field(name("studio_retry_count"), Integer.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    private final Jdbc jdbc;
    private final SqlChatServiceSettings services;

    SqlConversationConfigStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.services = new SqlChatServiceSettings(jdbc);
    }

    @Override
    public Optional<ConversationDefaults> defaults(String accountSid) {
        return jdbc.dsl().select().from(D.TABLE).where(D.ACCOUNT_SID.eq(accountSid))
                .fetchOptional(r -> new ConversationDefaults(r.get(D.ACCOUNT_SID), r.get(D.MESSAGING_SERVICE_SID),
                        r.get(D.INACTIVE), r.get(D.CLOSED), Micros.toInstant(r.get(D.DATE_UPDATED))));
    }

    @Override
    public void saveDefaults(ConversationDefaults d) {
        upsert(jdbc, D.TABLE, Map.of(D.ACCOUNT_SID, d.accountSid()), columns(
                D.MESSAGING_SERVICE_SID, d.messagingServiceSid(),
                D.INACTIVE, d.inactiveTimer(),
                D.CLOSED, d.closedTimer(),
                D.DATE_UPDATED, Micros.of(d.dateUpdated())));
    }

    @Override
    public Optional<ServiceConfiguration> serviceConfiguration(String accountSid, String chatServiceSid) {
        return jdbc.dsl().select().from(S.TABLE).where(S.ACCOUNT_SID.eq(accountSid), S.SERVICE_SID.eq(chatServiceSid))
                .fetchOptional(r -> new ServiceConfiguration(r.get(S.ACCOUNT_SID), r.get(S.SERVICE_SID),
                        r.get(S.CREATOR_ROLE), r.get(S.CONVERSATION_ROLE), r.get(S.SERVICE_ROLE),
                        r.get(S.REACHABILITY) != 0, Micros.toInstant(r.get(S.DATE_UPDATED))));
    }

    @Override
    public void saveServiceConfiguration(ServiceConfiguration c) {
        upsert(jdbc, S.TABLE, Map.of(S.ACCOUNT_SID, c.accountSid(), S.SERVICE_SID, c.chatServiceSid()), columns(
                S.CREATOR_ROLE, c.conversationCreatorRoleSid(),
                S.CONVERSATION_ROLE, c.conversationRoleSid(),
                S.SERVICE_ROLE, c.chatServiceRoleSid(),
                S.REACHABILITY, c.reachabilityEnabled() ? 1 : 0,
                S.DATE_UPDATED, Micros.of(c.dateUpdated())));
    }

    @Override
    public Optional<WebhookConfiguration> webhooks(String accountSid) {
        return jdbc.one(WEBHOOKS, s -> s.setString(1, accountSid), r -> new WebhookConfiguration(r.getString(1),
                r.getString(2), r.getString(3), r.getString(4),
                r.getString(5).isEmpty() ? List.of() : Arrays.asList(r.getString(5).split(",")), r.getString(6),
                Micros.toInstant(Jdbc.getLong(r, 7))));
    }

    /** Read on every conversation event, receipts' included: plain JDBC over a cached statement. */
    private static final String WEBHOOKS = "SELECT account_sid, pre_webhook_url, post_webhook_url, method, filters,"
            + " target, date_updated FROM conversation_webhook_configurations WHERE account_sid = ?";

    @Override
    public void saveWebhooks(WebhookConfiguration w) {
        upsert(jdbc, W.TABLE, Map.of(W.ACCOUNT_SID, w.accountSid()), columns(
                W.PRE_URL, w.preWebhookUrl(),
                W.POST_URL, w.postWebhookUrl(),
                W.METHOD, w.method(),
                W.FILTERS, String.join(",", w.filters()),
                W.TARGET, w.target(),
                W.DATE_UPDATED, Micros.of(w.dateUpdated())));
    }

    /** Deletes the service's configuration with the service ({@link SqlChatServiceStore#delete}). */
    static void deleteServiceConfiguration(Jdbc jdbc, String accountSid, String chatServiceSid) {
        jdbc.dsl().deleteFrom(S.TABLE).where(S.ACCOUNT_SID.eq(accountSid), S.SERVICE_SID.eq(chatServiceSid)).execute();
        new SqlChatServiceSettings(jdbc).deleteService(accountSid, chatServiceSid);
    }

    @Override
    public Optional<WebhookConfiguration> serviceWebhooks(String accountSid, String chatServiceSid) {
        return services.webhooks(accountSid, chatServiceSid);
    }

    @Override
    public void saveServiceWebhooks(String chatServiceSid, WebhookConfiguration configuration) {
        services.saveWebhooks(chatServiceSid, configuration);
    }

    @Override
    public Optional<WebhookConfiguration> webhooksFor(String accountSid, String chatServiceSid) {
        return services.webhooksFor(accountSid, chatServiceSid);
    }

    @Override
    public Optional<ServiceNotifications> notifications(String accountSid, String chatServiceSid) {
        return services.notifications(accountSid, chatServiceSid);
    }

    @Override
    public void saveNotifications(ServiceNotifications notifications) {
        services.saveNotifications(notifications);
    }

    @Override
    public boolean insertAddress(AddressConfiguration a) {
        AddressConfiguration.AutoCreation auto = a.autoCreation();
        // The row count tells a conflict apart: jOOQ's RETURNING emulation on SQLite reports the previous row.
        return jdbc.dsl().insertInto(A.TABLE)
                .set(A.ACCOUNT_SID, a.accountSid())
                .set(A.SID, a.sid())
                .set(A.TYPE, a.type())
                .set(A.ADDRESS, a.address())
                .set(A.FRIENDLY_NAME, a.friendlyName())
                .set(A.COUNTRY, a.addressCountry())
                .set(A.ENABLED, auto.enabled() ? 1 : 0)
                .set(A.AUTO_TYPE, auto.type())
                .set(A.SERVICE_SID, auto.conversationServiceSid())
                .set(A.WEBHOOK_URL, auto.webhookUrl())
                .set(A.WEBHOOK_METHOD, auto.webhookMethod())
                .set(A.WEBHOOK_FILTERS, String.join(",", auto.webhookFilters()))
                .set(A.STUDIO_FLOW_SID, auto.studioFlowSid())
                .set(A.STUDIO_RETRY_COUNT, auto.studioRetryCount())
                .set(A.DATE_CREATED, Micros.of(a.dateCreated()))
                .set(A.DATE_UPDATED, Micros.of(a.dateUpdated()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public void updateAddress(AddressConfiguration a) {
        AddressConfiguration.AutoCreation auto = a.autoCreation();
        jdbc.dsl().update(A.TABLE)
                .set(A.FRIENDLY_NAME, a.friendlyName())
                .set(A.ENABLED, auto.enabled() ? 1 : 0)
                .set(A.AUTO_TYPE, auto.type())
                .set(A.SERVICE_SID, auto.conversationServiceSid())
                .set(A.WEBHOOK_URL, auto.webhookUrl())
                .set(A.WEBHOOK_METHOD, auto.webhookMethod())
                .set(A.WEBHOOK_FILTERS, String.join(",", auto.webhookFilters()))
                .set(A.STUDIO_FLOW_SID, auto.studioFlowSid())
                .set(A.STUDIO_RETRY_COUNT, auto.studioRetryCount())
                .set(A.DATE_UPDATED, Micros.of(a.dateUpdated()))
                .where(A.ACCOUNT_SID.eq(a.accountSid()), A.SID.eq(a.sid()))
                .execute();
    }

    @Override
    public Optional<AddressConfiguration> findAddress(String accountSid, String sid) {
        return jdbc.dsl().select().from(A.TABLE).where(A.ACCOUNT_SID.eq(accountSid), A.SID.eq(sid))
                .fetchOptional(SqlConversationConfigStore::address);
    }

    @Override
    public Optional<AddressConfiguration> findByAddress(String accountSid, String address) {
        return jdbc.dsl().select().from(A.TABLE).where(A.ACCOUNT_SID.eq(accountSid), A.ADDRESS.eq(address))
                .fetchOptional(SqlConversationConfigStore::address);
    }

    @Override
    public void lockAddress(String accountSid, String sid) {
        // A no-op UPDATE locks the row on PostgreSQL and is portable (SQLite has one writer anyway).
        jdbc.dsl().update(A.TABLE).set(A.SID, A.SID).where(A.ACCOUNT_SID.eq(accountSid), A.SID.eq(sid)).execute();
    }

    @Override
    public Page<AddressConfiguration> listAddresses(String accountSid, String type, PageRequest page) {
        Condition where = A.ACCOUNT_SID.eq(accountSid);
        if (type != null) {
            where = where.and(A.TYPE.eq(type));
        }
        return Paging.newestFirst(jdbc.dsl(), A.TABLE, where, A.DATE_CREATED, A.SID, page,
                SqlConversationConfigStore::address);
    }

    @Override
    public boolean deleteAddress(String accountSid, String sid) {
        jdbc.dsl().deleteFrom(Starts.TABLE).where(Starts.ACCOUNT_SID.eq(accountSid), Starts.ADDRESS_SID.eq(sid))
                .execute();
        return jdbc.dsl().deleteFrom(A.TABLE).where(A.ACCOUNT_SID.eq(accountSid), A.SID.eq(sid)).execute() > 0;
    }

    private static AddressConfiguration address(Record r) {
        String filters = r.get(A.WEBHOOK_FILTERS);
        List<String> list = filters == null || filters.isEmpty() ? List.of() : Arrays.asList(filters.split(","));
        return new AddressConfiguration(r.get(A.SID), r.get(A.ACCOUNT_SID), r.get(A.TYPE), r.get(A.ADDRESS),
                r.get(A.FRIENDLY_NAME), r.get(A.COUNTRY),
                new AddressConfiguration.AutoCreation(r.get(A.ENABLED) != 0, r.get(A.AUTO_TYPE),
                        r.get(A.SERVICE_SID), r.get(A.WEBHOOK_URL), r.get(A.WEBHOOK_METHOD), list,
                        r.get(A.STUDIO_FLOW_SID), r.get(A.STUDIO_RETRY_COUNT)),
                Micros.toInstant(r.get(A.DATE_CREATED)), Micros.toInstant(r.get(A.DATE_UPDATED)));
    }

    /** Inserts the row keyed by {@code keys}, or sets {@code values} on the one already there. */
    static void upsert(Jdbc jdbc, Table<Record> table, Map<Field<?>, Object> keys, Map<Field<?>, Object> values) {
        Map<Field<?>, Object> row = new LinkedHashMap<>(keys);
        row.putAll(values);
        jdbc.dsl().insertInto(table).set(row)
                .onConflict(keys.keySet().toArray(Field[]::new)).doUpdate().set(values)
                .execute();
    }

    /** Column/value pairs in order; values may be null (a cleared setting). */
    static Map<Field<?>, Object> columns(Object... pairs) {
        Map<Field<?>, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Field<?>) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The conversations chat identities started on chat addresses (V27). */
    private static final class Starts {
        static final Table<Record> TABLE = table(name("chat_address_conversations"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> ADDRESS_SID = field(name("address_sid"), String.class);
        static final Field<String> IDENTITY = field(name("identity"), String.class);
        static final Field<String> CONVERSATION_SID = field(name("conversation_sid"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    }

    @Override
    public void recordChatStart(String accountSid, String addressSid, String identity, String conversationSid,
            java.time.Instant at) {
        jdbc.dsl().insertInto(Starts.TABLE)
                .set(Starts.ACCOUNT_SID, accountSid)
                .set(Starts.ADDRESS_SID, addressSid)
                .set(Starts.IDENTITY, identity)
                .set(Starts.CONVERSATION_SID, conversationSid)
                .set(Starts.DATE_CREATED, Micros.of(at))
                .execute();
    }

    @Override
    public List<String> chatStarts(String accountSid, String addressSid, String identity) {
        return jdbc.dsl().select(Starts.CONVERSATION_SID).from(Starts.TABLE)
                .where(Starts.ACCOUNT_SID.eq(accountSid), Starts.ADDRESS_SID.eq(addressSid),
                        Starts.IDENTITY.eq(identity))
                .orderBy(Starts.DATE_CREATED.desc(), Starts.CONVERSATION_SID.desc())
                .fetch(Starts.CONVERSATION_SID);
    }
}
