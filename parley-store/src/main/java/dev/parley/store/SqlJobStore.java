package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.queue.Job.JobState;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandoff;
import dev.parley.core.queue.JobStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

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
    }

    // Every column, in table order: the order of the SELECTs' result columns.
    private static final String COLUMNS = "id, account_sid, kind, payload, state, run_at, attempts, max_attempts,"
            + " lease_until, last_error, created_at";
    private static final String ENQUEUE = "INSERT INTO jobs (id, account_sid, kind, payload, state, run_at, attempts,"
            + " max_attempts, last_error, created_at, fair_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ENQUEUE_LEASED = "INSERT INTO jobs (id, account_sid, kind, payload, state, run_at,"
            + " attempts, max_attempts, created_at, lease_until, lease_owner) VALUES (?, ?, ?, ?, 'LEASED', ?, ?, ?, ?,"
            + " ?, ?)";
    // Two queries, each walking its own index in order: with an OR the database sorts every due row of a large
    // backlog on every claim (measured: end-to-end throughput halved as the backlog grew).
    // Fairness across accounts (FairShare): first the jobs whose fair time has come (a fair time is never before the
    // due time, so all of them are due), then the other due ones — an account's backlog beyond its fair share.
    private static final String FAIR = "SELECT " + COLUMNS + " FROM jobs"
            + " WHERE state = 'PENDING' AND fair_at <= ? ORDER BY fair_at LIMIT ?";
    private static final String DUE = "SELECT " + COLUMNS + " FROM jobs"
            + " WHERE state = 'PENDING' AND run_at <= ? AND (fair_at IS NULL OR fair_at > ?) ORDER BY run_at LIMIT ?";
    private static final String EXPIRED = "SELECT " + COLUMNS + " FROM jobs"
            + " WHERE state = 'LEASED' AND lease_until < ? ORDER BY lease_until LIMIT ?";
    // SQLite has one writer and no row locks (nor the syntax); PostgreSQL nodes must not claim the same job.
    private static final String FAIR_SKIP_LOCKED = FAIR + " FOR UPDATE SKIP LOCKED";
    private static final String DUE_SKIP_LOCKED = DUE + " FOR UPDATE SKIP LOCKED";
    private static final String EXPIRED_SKIP_LOCKED = EXPIRED + " FOR UPDATE SKIP LOCKED";
    private static final String LEASE = "UPDATE jobs SET state = 'LEASED', lease_until = ?, lease_owner = ?,"
            + " attempts = attempts + 1 WHERE id = ?";
    private static final String COMPLETE = "DELETE FROM jobs WHERE id = ?";
    private static final String RETRY = "UPDATE jobs SET state = 'PENDING', run_at = ?, fair_at = ?, last_error = ?,"
            + " lease_until = NULL, lease_owner = NULL WHERE id = ?";
    private static final String BURY = "UPDATE jobs SET state = 'DEAD', last_error = ?, lease_until = NULL,"
            + " lease_owner = NULL WHERE id = ?";
    private static final String RELEASE_OWNED = "UPDATE jobs SET state = 'PENDING', lease_until = NULL,"
            + " lease_owner = NULL WHERE state = 'LEASED' AND lease_owner = ?";
    private static final String RELEASE_ALL = "UPDATE jobs SET state = 'PENDING', lease_until = NULL,"
            + " lease_owner = NULL WHERE state = 'LEASED'";
    private static final String FIND = "SELECT " + COLUMNS + " FROM jobs WHERE id = ?";
    private static final String NEXT_RUN_AT = "SELECT MIN(run_at) FROM jobs WHERE state = 'PENDING'";
    private static final String COUNT_PENDING = "SELECT COUNT(*) FROM jobs WHERE state = 'PENDING'";

    private final Jdbc jdbc;
    private final SqlTx tx;

    /** @param tx told of every enqueue (so that the commit wakes the job runner), and hands jobs off */
    SqlJobStore(Jdbc jdbc, SqlTx tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void enqueue(Job job, Instant fairAt) {
        JobHandoff.Lease lease = tx.lease(job);
        if (lease != null) {
            // Taken by this node's runner: inserted as its claim would leave it, run once this transaction commits.
            jdbc.update(ENQUEUE_LEASED, s -> {
                s.setString(1, job.id());
                s.setString(2, job.accountSid());
                s.setString(3, job.kind());
                s.setString(4, job.payload());
                Jdbc.setLong(s, 5, Micros.of(job.runAt()));
                s.setInt(6, job.attempts() + 1);
                s.setInt(7, job.maxAttempts());
                Jdbc.setLong(s, 8, Micros.of(job.createdAt()));
                Jdbc.setLong(s, 9, Micros.of(lease.until()));
                s.setString(10, lease.owner());
            });
            tx.handedOff(job.leased());
        } else {
            jdbc.update(ENQUEUE, s -> {
                s.setString(1, job.id());
                s.setString(2, job.accountSid());
                s.setString(3, job.kind());
                s.setString(4, job.payload());
                s.setString(5, job.state().name());
                Jdbc.setLong(s, 6, Micros.of(job.runAt()));
                s.setInt(7, job.attempts());
                s.setInt(8, job.maxAttempts());
                s.setString(9, job.lastError());
                Jdbc.setLong(s, 10, Micros.of(job.createdAt()));
                Jdbc.setLong(s, 11, Micros.of(fairAt.isBefore(job.runAt()) ? job.runAt() : fairAt));
            });
        }
        tx.jobEnqueued();
    }

    @Override
    public List<Job> due(Instant now, int limit) {
        long nowMicros = Micros.of(now);
        boolean postgres = jdbc.dialect().family() == SQLDialect.POSTGRES;
        List<Job> due = new ArrayList<>(jdbc.all(postgres ? EXPIRED_SKIP_LOCKED : EXPIRED, s -> {
            s.setLong(1, nowMicros);
            s.setInt(2, limit);
        }, SqlJobStore::job));
        if (due.size() < limit) {
            int room = limit - due.size();
            due.addAll(jdbc.all(postgres ? FAIR_SKIP_LOCKED : FAIR, s -> {
                s.setLong(1, nowMicros);
                s.setInt(2, room);
            }, SqlJobStore::job));
        }
        if (due.size() < limit) {
            int room = limit - due.size();
            due.addAll(jdbc.all(postgres ? DUE_SKIP_LOCKED : DUE, s -> {
                s.setLong(1, nowMicros);
                s.setLong(2, nowMicros);
                s.setInt(3, room);
            }, SqlJobStore::job));
        }
        return due;
    }

    @Override
    public List<Job> lease(List<Job> due, Instant leaseUntil, String owner) {
        if (due.isEmpty()) {
            return List.of();
        }
        Long lease = Micros.of(leaseUntil);
        List<Jdbc.Binder> leases = new ArrayList<>(due.size());
        List<Job> claimed = new ArrayList<>(due.size());
        for (Job job : due) {
            leases.add(s -> {
                Jdbc.setLong(s, 1, lease);
                s.setString(2, owner);
                s.setString(3, job.id());
            });
            // The rows are ours (locked, or the only writer's): what the update makes of them is known.
            claimed.add(job.leased());
        }
        jdbc.updateEach(LEASE, leases);
        return claimed;
    }

    @Override
    public void complete(String id) {
        jdbc.update(COMPLETE, s -> s.setString(1, id));
    }

    @Override
    public void retryAt(String id, Instant runAt, String error) {
        jdbc.update(RETRY, s -> {
            Jdbc.setLong(s, 1, Micros.of(runAt));
            Jdbc.setLong(s, 2, Micros.of(runAt));
            s.setString(3, error);
            s.setString(4, id);
        });
    }

    @Override
    public void bury(String id, String error) {
        jdbc.update(BURY, s -> {
            s.setString(1, error);
            s.setString(2, id);
        });
    }

    @Override
    public Optional<Job> find(String id) {
        return jdbc.one(FIND, s -> s.setString(1, id), SqlJobStore::job);
    }

    @Override
    public Page<Job> deadLetters(String accountSid, PageRequest page) {
        // The state inline, not bound: the dead letters' partial index (V15) is only used for a literal.
        return Paging.newestFirst(jdbc.dsl(), Jobs.TABLE,
                Jobs.ACCOUNT_SID.eq(accountSid).and(Jobs.STATE.eq(DSL.inline(JobState.DEAD.name()))),
                Jobs.CREATED_AT, Jobs.ID, page, SqlJobStore::fromRecord);
    }

    @Override
    public Optional<Instant> nextRunAt() {
        return Optional.ofNullable(Micros.toInstant(jdbc.aggregate(NEXT_RUN_AT, s -> {
        })));
    }

    @Override
    public long countPending() {
        return jdbc.aggregate(COUNT_PENDING, s -> {
        });
    }

    @Override
    public int releaseLeases(String owner) {
        return jdbc.update(RELEASE_OWNED, s -> s.setString(1, owner));
    }

    @Override
    public int releaseLeases() {
        return jdbc.update(RELEASE_ALL, s -> { });
    }

    /** A row of {@link #COLUMNS}. */
    private static Job job(ResultSet r) throws SQLException {
        return new Job(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                Micros.toInstant(Jdbc.getLong(r, 6)), r.getInt(7), r.getInt(8), r.getString(10),
                JobState.valueOf(r.getString(5)), Micros.toInstant(Jdbc.getLong(r, 11)));
    }

    /** A row as jOOQ fetched it, for the pages. */
    private static Job fromRecord(Record r) {
        return new Job(r.get(Jobs.ID), r.get(Jobs.ACCOUNT_SID), r.get(Jobs.KIND), r.get(Jobs.PAYLOAD),
                Micros.toInstant(r.get(Jobs.RUN_AT)), r.get(Jobs.ATTEMPTS), r.get(Jobs.MAX_ATTEMPTS),
                r.get(Jobs.LAST_ERROR), JobState.valueOf(r.get(Jobs.STATE)), Micros.toInstant(r.get(Jobs.CREATED_AT)));
    }
}
