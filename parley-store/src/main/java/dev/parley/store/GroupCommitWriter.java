package dev.parley.store;

import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandoff;
import dev.parley.core.tx.Tx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform thread that owns all writes. Callers queue units of work and wait; the thread takes every unit
 * waiting (up to {@code maxBatch}), runs each in its own savepoint of one transaction, commits once, then answers
 * every caller. A commit costs about a millisecond with fsync whatever it holds, so concurrent writers share it.
 *
 * <p>A unit that throws is rolled back to its savepoint and its exception is rethrown to its own caller; the
 * other units of the batch are unaffected. If the transaction fails as a whole, every unit of the batch fails.
 * A write or read issued from inside a unit (on this thread) runs inline, in a nested savepoint.
 *
 * <p>Savepoints are one name reused as a stack (both databases address the most recent savepoint of a name), so
 * that their three statements are prepared once per connection like the stores' own; a rolled-back savepoint is
 * released too, or the stack would no longer match the units. On SQLite this measured no cheaper than
 * {@code Connection.setSavepoint} (a few microseconds either way); what made savepoints cheap there is the writer's
 * {@code temp_store=MEMORY} (see {@link Database}).
 *
 * <p>The live events that committed units kept ({@link SqlTx#liveEventsToPublish}, SQLite's) go to
 * {@code liveCommitted} after the commit, in the units' order, before the callers are answered; a unit that threw
 * (or a nested write it rolled back) contributes none.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    private record Unit<T>(Function<Tx, T> work, CompletableFuture<T> result) {
    }

    private static final Unit<Void> STOP = new Unit<>(tx -> null, new CompletableFuture<>());

    private static final String SAVEPOINT = "SAVEPOINT parley_unit";
    private static final String RELEASE = "RELEASE SAVEPOINT parley_unit";
    private static final String ROLLBACK_TO = "ROLLBACK TO SAVEPOINT parley_unit";

    /** Opens a borrowed connection for the stores. */
    @FunctionalInterface
    interface Session {
        Jdbc open(Connection connection) throws SQLException;
    }

    private final DataSource connections;
    private final Session session;
    private final int maxBatch;
    private final Runnable afterJobsCommitted;
    private final Consumer<List<LiveEvent>> liveCommitted;
    private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile JobHandoff handoff;

    // Touched only by the writer thread: the connection and transaction of the unit running now.
    private Jdbc current;
    private SqlTx currentTx;

    /** @param liveCommitted takes the live events of each commit; must not block (it runs on the writer thread) */
    GroupCommitWriter(DataSource connections, Session session, int maxBatch, Runnable afterJobsCommitted,
            Consumer<List<LiveEvent>> liveCommitted) {
        this.connections = connections;
        this.session = session;
        this.maxBatch = maxBatch;
        this.afterJobsCommitted = afterJobsCommitted;
        this.liveCommitted = liveCommitted;
        this.thread = Thread.ofPlatform().name("parley-writer").daemon(true).start(this::run);
    }

    <T> T write(Function<Tx, T> work) {
        if (Thread.currentThread() == thread) {
            return nested(work);
        }
        if (closed) {
            throw new IllegalStateException("database is closed");
        }
        Unit<T> unit = new Unit<>(work, new CompletableFuture<>());
        queue.add(unit);
        // close() may have drained the queue between the check above and the add: then nobody else will.
        if (closed && queue.remove(unit)) {
            throw new IllegalStateException("database is closed");
        }
        return await(unit.result());
    }

    /** Hands the jobs due at once to {@code handoff} from the transactions that enqueue them. */
    void handOffJobs(JobHandoff handoff) {
        this.handoff = handoff;
    }

    /** Units waiting for the writer, for tests that need a batch of known content. */
    int queued() {
        return queue.size();
    }

    /** The transaction of the unit running on this thread, if the caller is that unit. */
    SqlTx currentTx() {
        return Thread.currentThread() == thread ? currentTx : null;
    }

    private <T> T nested(Function<Tx, T> work) {
        if (currentTx == null) {
            throw new IllegalStateException("write called on the writer thread outside a unit of work"
                    + " (from a jobs-committed listener?); listeners must not write");
        }
        savepoint(current);
        SqlTx.Mark mark = currentTx.mark();
        T result;
        try {
            result = work.apply(currentTx);
        } catch (RuntimeException | Error e) {
            rollbackTo(current);
            currentTx.forgetSince(mark);
            throw e;
        }
        release(current);
        return result;
    }

    private void run() {
        List<Unit<?>> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                runBatch(batch);
            }
            batch.clear();
        }
    }

    private void runBatch(List<Unit<?>> batch) {
        Object[] results = new Object[batch.size()];
        Throwable[] failures = new Throwable[batch.size()];
        SqlTx[] txs = new SqlTx[batch.size()];
        boolean jobsEnqueued = false;
        // A lone unit needs no savepoint: if it fails, the whole transaction is rolled back.
        boolean savepoints = batch.size() > 1;
        try (Connection connection = connections.getConnection()) {
            try {
                Jdbc jdbc = session.open(connection);
                current = jdbc;
                for (int i = 0; i < batch.size(); i++) {
                    SqlTx tx = new SqlTx(jdbc, handoff);
                    txs[i] = tx;
                    if (savepoints) {
                        savepoint(jdbc);
                    }
                    currentTx = tx;
                    try {
                        results[i] = batch.get(i).work().apply(tx);
                        jobsEnqueued |= tx.jobsEnqueued();
                        if (savepoints) {
                            release(jdbc);
                        }
                    } catch (RuntimeException | Error e) {
                        failures[i] = e;
                        if (savepoints) {
                            rollbackTo(jdbc);
                        }
                        tx.forgetSince(SqlTx.Mark.START);
                    } finally {
                        currentTx = null;
                    }
                }
                if (!savepoints && failures[0] != null) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                abandon(txs);
                failAll(batch, failures, e);
                return;
            } finally {
                current = null;
            }
        } catch (SQLException e) {
            abandon(txs);
            failAll(batch, failures, e);
            return;
        }
        runAfterCommit(txs);
        runHandedOff(txs);
        publishLive(txs);
        // Before answering: a caller whose write returned may rely on the job runner having been woken.
        if (jobsEnqueued) {
            try {
                afterJobsCommitted.run();
            } catch (RuntimeException e) {
                log.error("a jobs-committed listener failed", e);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results[i], failures[i]);
        }
    }

    /** The committed units' after-commit actions, first of all: what they give back is free as soon as can be. */
    private static void runAfterCommit(SqlTx[] txs) {
        for (SqlTx tx : txs) {
            if (tx == null) {
                continue;
            }
            for (Runnable action : tx.afterCommitActions()) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.error("an after-commit action failed", e);
                }
            }
        }
    }

    /** The jobs the committed units handed off go to the runner. */
    private void runHandedOff(SqlTx[] txs) {
        List<Job> jobs = null;
        for (SqlTx tx : txs) {
            if (tx != null && !tx.handedOff().isEmpty()) {
                if (jobs == null) {
                    jobs = new ArrayList<>();
                }
                jobs.addAll(tx.handedOff());
            }
        }
        if (jobs != null) {
            try {
                handoff.committed(jobs);
            } catch (RuntimeException e) {
                // Committed and leased: the lease runs out (or a restart releases it) and a claim runs them.
                log.error("could not start {} handed-off jobs", jobs.size(), e);
            }
        }
    }

    /** The committed units' live events, in order, to the feed. */
    private void publishLive(SqlTx[] txs) {
        List<LiveEvent> events = null;
        for (SqlTx tx : txs) {
            if (tx != null && !tx.liveEventsToPublish().isEmpty()) {
                if (events == null) {
                    events = new ArrayList<>();
                }
                events.addAll(tx.liveEventsToPublish());
            }
        }
        if (events != null) {
            try {
                liveCommitted.accept(events);
            } catch (RuntimeException e) {
                log.error("could not hand {} live events to the feed", events.size(), e);
            }
        }
    }

    /** Nothing the units of a failed batch did was committed: the runner's room is free again. */
    private static void abandon(SqlTx[] txs) {
        for (SqlTx tx : txs) {
            if (tx != null) {
                tx.forgetSince(SqlTx.Mark.START);
            }
        }
    }

    private void failAll(List<Unit<?>> batch, Throwable[] failures, Exception cause) {
        StorageException failure = new StorageException("transaction of " + batch.size() + " write(s) failed: "
                + cause.getMessage(), cause);
        for (int i = 0; i < batch.size(); i++) {
            // A unit that failed by itself was rolled back either way; its own exception says more.
            batch.get(i).result().completeExceptionally(failures[i] != null ? failures[i] : failure);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Unit<T> unit, Object result, Throwable failure) {
        if (failure != null) {
            unit.result().completeExceptionally(failure);
        } else {
            unit.result().complete((T) result);
        }
    }

    private static <T> T await(CompletableFuture<T> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    // The unit may already be committing: the caller must learn its outcome, so keep waiting.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new StorageException("write failed: " + cause, cause);
    }

    private static void savepoint(Jdbc jdbc) {
        try {
            jdbc.execute(SAVEPOINT);
        } catch (SQLException e) {
            throw new StorageException("cannot set a savepoint", e);
        }
    }

    private static void release(Jdbc jdbc) {
        try {
            jdbc.execute(RELEASE);
        } catch (SQLException e) {
            throw new StorageException("cannot release a savepoint", e);
        }
    }

    /**
     * Undoes the innermost savepoint's work and removes it (ROLLBACK TO keeps it). Failing here leaves the
     * transaction in an unknown state: the whole batch must fail, so this throws.
     */
    private static void rollbackTo(Jdbc jdbc) {
        try {
            jdbc.execute(ROLLBACK_TO);
            jdbc.execute(RELEASE);
        } catch (SQLException e) {
            throw new StorageException("cannot roll back to a savepoint", e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("rollback after a failed batch failed too", e);
        }
    }

    /** Runs every unit already queued, then stops the thread. Later writes are refused. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Unit<?>> left = new ArrayList<>();
        queue.drainTo(left);
        for (Unit<?> unit : left) {
            unit.result().completeExceptionally(new IllegalStateException("database is closed"));
        }
    }
}
