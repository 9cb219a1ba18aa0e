package dev.parley.testing;

import dev.parley.core.queue.JobHandoff;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** A {@link Storage} that counts its read transactions, with a hook run after the next one; the rest passes through. */
public final class CountingStorage implements Storage {
    private final Storage storage;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<Runnable> afterNextRead = new AtomicReference<>();

    public CountingStorage(Storage storage) {
        this.storage = storage;
    }

    /** The read transactions so far. */
    public int reads() {
        return reads.get();
    }

    /** Runs {@code hook} once, after the next read transaction has ended. */
    public void afterNextRead(Runnable hook) {
        afterNextRead.set(hook);
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        return storage.write(work);
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        reads.incrementAndGet();
        T result = storage.read(work);
        Runnable hook = afterNextRead.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
        return result;
    }

    @Override
    public void onJobsCommitted(Runnable listener) {
        storage.onJobsCommitted(listener);
    }

    @Override
    public void handOffJobs(JobHandoff handoff) {
        storage.handOffJobs(handoff);
    }
}
