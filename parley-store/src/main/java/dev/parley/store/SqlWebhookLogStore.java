package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.webhook.WebhookDelivery;
import dev.parley.core.webhook.WebhookLogStore;
import org.jooq.Condition;
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
    }

    private static final String INSERT = "INSERT INTO webhook_log (account_sid, sid, job_id, purpose, message_sid, url,"
            + " method, attempt, response_status, latency_millis, response_excerpt, error, outcome, date_created)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Jdbc jdbc;

    SqlWebhookLogStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(WebhookDelivery d) {
        jdbc.update(INSERT, s -> {
            s.setString(1, d.accountSid());
            s.setString(2, d.sid());
            s.setString(3, d.jobId());
            s.setString(4, d.purpose());
            s.setString(5, d.messageSid());
            s.setString(6, d.url());
            s.setString(7, d.method());
            s.setInt(8, d.attempt());
            Jdbc.setInt(s, 9, d.responseStatus());
            s.setLong(10, d.latencyMillis());
            s.setString(11, d.responseExcerpt());
            s.setString(12, d.error());
            s.setString(13, d.outcome());
            Jdbc.setLong(s, 14, Micros.of(d.dateCreated()));
        });
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
        return Paging.newestFirst(jdbc.dsl(), Log.TABLE, where, Log.DATE_CREATED, Log.SID, page, r -> new WebhookDelivery(
                r.get(Log.SID), r.get(Log.ACCOUNT_SID), r.get(Log.JOB_ID), r.get(Log.PURPOSE),
                r.get(Log.MESSAGE_SID), r.get(Log.URL), r.get(Log.METHOD), r.get(Log.ATTEMPT),
                r.get(Log.RESPONSE_STATUS), r.get(Log.LATENCY_MILLIS), r.get(Log.RESPONSE_EXCERPT), r.get(Log.ERROR),
                r.get(Log.OUTCOME), Micros.toInstant(r.get(Log.DATE_CREATED))));
    }
}
