package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.store.Page;
import dev.parley.core.store.PageRequest;
import dev.parley.core.webhook.WebhookDelivery;
import dev.parley.core.webhook.WebhookLogStore;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The webhook delivery log, append-only, keyed by (account_sid, sid). */
final class SqlWebhookLogStore implements WebhookLogStore {

    private static final class Log {
        static final Table<Record> TABLE = table(name("webhook_log"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> JOB_ID = field(name("job_id"), String.class);
        static final Field<String> PURPOSE = field(name("purpose"), String.class);
        static final Field<String> MESSAGE_SID = field(name("message_sid"), String.class);
        static final Field<String> URL = field(name("url"), String.class);
        static final Field<String> METHOD = field(name("method"), String.class);
        static final Field<Integer> ATTEMPT = field(name("attempt"), Integer.class);
        static final Field<Integer> RESPONSE_STATUS = field(name("response_status"), Integer.class);
        static final Field<Long> LATENCY_MILLIS = field(name("latency_millis"), Long.class);
        static final Field<String> RESPONSE_EXCERPT = field(name("response_excerpt"), String.class);
        static final Field<String> ERROR = field(name("error"), String.class);
        static final Field<String> OUTCOME = field(name("outcome"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final List<Field<?>> ALL = List.of(ACCOUNT_SID, SID, JOB_ID, PURPOSE, MESSAGE_SID, URL, METHOD, ATTEMPT, RESPONSE_STATUS, LATENCY_MILLIS, RESPONSE_EXCERPT, ERROR, OUTCOME, DATE_CREATED);
    }

    private final DSLContext dsl;

    SqlWebhookLogStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(WebhookDelivery d) {
        dsl.insertInto(Log.TABLE)
                .set(Log.ACCOUNT_SID, d.accountSid())
                .set(Log.SID, d.sid())
                .set(Log.JOB_ID, d.jobId())
                .set(Log.PURPOSE, d.purpose())
                .set(Log.MESSAGE_SID, d.messageSid())
                .set(Log.URL, d.url())
                .set(Log.METHOD, d.method())
                .set(Log.ATTEMPT, d.attempt())
                .set(Log.RESPONSE_STATUS, d.responseStatus())
                .set(Log.LATENCY_MILLIS, d.latencyMillis())
                .set(Log.RESPONSE_EXCERPT, d.responseExcerpt())
                .set(Log.ERROR, d.error())
                .set(Log.OUTCOME, d.outcome())
                .set(Log.DATE_CREATED, Micros.of(d.dateCreated()))
                .execute();
    }

    @Override
    public Page<WebhookDelivery> list(String accountSid, String messageSid, String outcome, PageRequest page) {
        Condition where = Log.ACCOUNT_SID.eq(accountSid);
        if (messageSid != null) {
            where = where.and(Log.MESSAGE_SID.eq(messageSid));
        }
        if (outcome != null) {
            where = where.and(Log.OUTCOME.eq(outcome));
        }
        return Paging.newestFirst(dsl, Log.TABLE, Log.ALL, where, Log.DATE_CREATED, Log.SID, page, r -> new WebhookDelivery(
                r.get(Log.SID), r.get(Log.ACCOUNT_SID), r.get(Log.JOB_ID), r.get(Log.PURPOSE),
                r.get(Log.MESSAGE_SID), r.get(Log.URL), r.get(Log.METHOD), r.get(Log.ATTEMPT),
                r.get(Log.RESPONSE_STATUS), r.get(Log.LATENCY_MILLIS), r.get(Log.RESPONSE_EXCERPT), r.get(Log.ERROR),
                r.get(Log.OUTCOME), Micros.toInstant(r.get(Log.DATE_CREATED))));
    }
}
