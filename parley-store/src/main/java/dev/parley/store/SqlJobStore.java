package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.queue.Job;
import dev.parley.core.queue.Job.JobState;
import dev.parley.core.queue.JobStore;
import dev.parley.core.store.Page;
import dev.parley.core.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.SelectLimitPercentStep;
import org.jooq.Table;

/**
 * The job table. Looked up by id and by due time, both global by design; dead letters by account. Claims lock
 * the chosen rows with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so that several nodes never claim the same
 * job; SQLite has a single writer and needs no row locks.
 */
final class SqlJobStore implements JobStore {

    private static final class Jobs {
        static final Table<Record> TABLE = table(name("jobs"));
        static final Field<String> ID = field(name("id"), String.class);
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> KIND = field(name("kind"), String.class);
        static final Field<String> PAYLOAD = field(name("payload"), String.class);
        static final Field<String> STATE = field(name("state"), String.class);
        static final Field<Long> RUN_AT = field(name("run_at"), Long.class);
        static final Field<Integer> ATTEMPTS = field(name("attempts"), Integer.class);
        static final Field<Integer> MAX_ATTEMPTS = field(name("max_attempts"), Integer.class);
        static final Field<Long> LEASE_UNTIL = field(name("lease_until"), Long.class);
        static final Field<String> LAST_ERROR = field(name("last_error"), String.class);
        static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);
        static final List<Field<?>> ALL = List.of(ID, ACCOUNT_SID, KIND, PAYLOAD, STATE, RUN_AT, ATTEMPTS, MAX_ATTEMPTS, LEASE_UNTIL, LAST_ERROR, CREATED_AT);
    }

    private final DSLContext dsl;
    private final Runnable onEnqueue;

    /** @param onEnqueue told of every enqueue, so that the commit can wake the job runner */
    SqlJobStore(DSLContext dsl, Runnable onEnqueue) {
        this.dsl = dsl;
        this.onEnqueue = onEnqueue;
    }

    @Override
    public void enqueue(Job job) {
        dsl.insertInto(Jobs.TABLE)
                .set(Jobs.ID, job.id())
                .set(Jobs.ACCOUNT_SID, job.accountSid())
                .set(Jobs.KIND, job.kind())
                .set(Jobs.PAYLOAD, job.payload())
                .set(Jobs.STATE, job.state().name())
                .set(Jobs.RUN_AT, Micros.of(job.runAt()))
                .set(Jobs.ATTEMPTS, job.attempts())
                .set(Jobs.MAX_ATTEMPTS, job.maxAttempts())
                .set(Jobs.LAST_ERROR, job.lastError())
                .set(Jobs.CREATED_AT, Micros.of(job.createdAt()))
                .execute();
        onEnqueue.run();
    }

    @Override
    public List<Job> claim(Instant now, Instant leaseUntil, int limit) {
        long nowMicros = Micros.of(now);
        SelectLimitPercentStep<Record1<String>> due = dsl.select(Jobs.ID).from(Jobs.TABLE)
                .where(Jobs.STATE.eq(JobState.PENDING.name()).and(Jobs.RUN_AT.le(nowMicros))
                        .or(Jobs.STATE.eq(JobState.LEASED.name()).and(Jobs.LEASE_UNTIL.lt(nowMicros))))
                .orderBy(Jobs.RUN_AT.asc(), Jobs.ID.asc())
                .limit(limit);
        // jOOQ renders SKIP LOCKED for SQLite too, where it fails.
        ResultQuery<Record1<String>> query = dsl.dialect().family() == SQLDialect.POSTGRES
                ? due.forUpdate().skipLocked() : due;
        List<String> ids = query.fetch(Jobs.ID);
        if (ids.isEmpty()) {
            return List.of();
        }
        dsl.update(Jobs.TABLE)
                .set(Jobs.STATE, JobState.LEASED.name())
                .set(Jobs.LEASE_UNTIL, Micros.of(leaseUntil))
                .set(Jobs.ATTEMPTS, Jobs.ATTEMPTS.plus(1))
                .where(Jobs.ID.in(ids))
                .execute();
        return dsl.select(Jobs.ALL).from(Jobs.TABLE).where(Jobs.ID.in(ids))
                .orderBy(Jobs.RUN_AT.asc(), Jobs.ID.asc())
                .fetch(SqlJobStore::job);
    }

    @Override
    public void complete(String id) {
        dsl.deleteFrom(Jobs.TABLE).where(Jobs.ID.eq(id)).execute();
    }

    @Override
    public void retryAt(String id, Instant runAt, String error) {
        dsl.update(Jobs.TABLE)
                .set(Jobs.STATE, JobState.PENDING.name())
                .set(Jobs.RUN_AT, Micros.of(runAt))
                .set(Jobs.LAST_ERROR, error)
                .setNull(Jobs.LEASE_UNTIL)
                .where(Jobs.ID.eq(id))
                .execute();
    }

    @Override
    public void bury(String id, String error) {
        dsl.update(Jobs.TABLE)
                .set(Jobs.STATE, JobState.DEAD.name())
                .set(Jobs.LAST_ERROR, error)
                .setNull(Jobs.LEASE_UNTIL)
                .where(Jobs.ID.eq(id))
                .execute();
    }

    @Override
    public Optional<Job> find(String id) {
        return dsl.select(Jobs.ALL).from(Jobs.TABLE).where(Jobs.ID.eq(id)).fetchOptional(SqlJobStore::job);
    }

    @Override
    public Page<Job> deadLetters(String accountSid, PageRequest page) {
        return Paging.newestFirst(dsl, Jobs.TABLE, Jobs.ALL,
                Jobs.ACCOUNT_SID.eq(accountSid).and(Jobs.STATE.eq(JobState.DEAD.name())),
                Jobs.CREATED_AT, Jobs.ID, page, SqlJobStore::job);
    }

    @Override
    public Optional<Instant> nextRunAt() {
        return Optional.ofNullable(dsl.select(min(Jobs.RUN_AT)).from(Jobs.TABLE)
                .where(Jobs.STATE.eq(JobState.PENDING.name()))
                .fetchOne(0, Long.class)).map(Micros::toInstant);
    }

    @Override
    public long countPending() {
        return dsl.fetchCount(Jobs.TABLE, Jobs.STATE.eq(JobState.PENDING.name()));
    }

    @Override
    public int releaseLeases() {
        return dsl.update(Jobs.TABLE)
                .set(Jobs.STATE, JobState.PENDING.name())
                .setNull(Jobs.LEASE_UNTIL)
                .where(Jobs.STATE.eq(JobState.LEASED.name()))
                .execute();
    }

    private static Job job(Record r) {
        return new Job(r.get(Jobs.ID), r.get(Jobs.ACCOUNT_SID), r.get(Jobs.KIND), r.get(Jobs.PAYLOAD),
                Micros.toInstant(r.get(Jobs.RUN_AT)), r.get(Jobs.ATTEMPTS), r.get(Jobs.MAX_ATTEMPTS),
                r.get(Jobs.LAST_ERROR), JobState.valueOf(r.get(Jobs.STATE)), Micros.toInstant(r.get(Jobs.CREATED_AT)));
    }
}
