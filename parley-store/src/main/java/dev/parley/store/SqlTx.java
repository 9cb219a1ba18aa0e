package dev.parley.store;

import dev.parley.core.account.AccountStore;
import dev.parley.core.message.MessageStore;
import dev.parley.core.message.OptOutStore;
import dev.parley.core.number.NumberStore;
import dev.parley.core.queue.JobStore;
import dev.parley.core.simulator.HandsetStore;
import dev.parley.core.store.Tx;
import dev.parley.core.webhook.WebhookLogStore;
import org.jooq.DSLContext;

/** The stores bound to one connection's current transaction. Remembers whether a job was enqueued through it. */
final class SqlTx implements Tx {
    private final DSLContext dsl;
    private boolean jobsEnqueued;

    SqlTx(DSLContext dsl) {
        this.dsl = dsl;
    }

    boolean jobsEnqueued() {
        return jobsEnqueued;
    }

    @Override
    public AccountStore accounts() {
        return new SqlAccountStore(dsl);
    }

    @Override
    public NumberStore numbers() {
        return new SqlNumberStore(dsl);
    }

    @Override
    public MessageStore messages() {
        return new SqlMessageStore(dsl);
    }

    @Override
    public OptOutStore optOuts() {
        return new SqlOptOutStore(dsl);
    }

    @Override
    public JobStore jobs() {
        return new SqlJobStore(dsl, () -> jobsEnqueued = true);
    }

    @Override
    public WebhookLogStore webhookLog() {
        return new SqlWebhookLogStore(dsl);
    }

    @Override
    public HandsetStore handsets() {
        return new SqlHandsetStore(dsl);
    }
}
