package dev.parley.core.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fairness of the work queue across accounts, by virtual clock: each account's jobs due at once get fair times at
 * least {@code share} apart, never earlier than now. A job due later (a rate-limited send's slot) is fair at its due
 * time and leaves the account's clock alone: its sender's rate already spaces such jobs. The runner claims jobs whose fair time has come before
 * the other due ones (see {@link JobStore#claim}), so an account that floods the queue pushes only its own jobs'
 * fair times into the future, and another account's job, fair at once, is not stuck behind that backlog.
 *
 * <p>The virtual clocks live in memory: after a restart every account starts afresh, which is fair too.
 */
public final class FairShare {
    /** 1 ms: an account's jobs keep their place while it enqueues fewer than 1,000 per second. */
    public static final Duration DEFAULT_SHARE = Duration.ofMillis(1);
    private static final int PRUNE_ABOVE = 10_000;
    private final Duration share;
    private final ConcurrentHashMap<String, Instant> nextFair = new ConcurrentHashMap<>();

    public FairShare(Duration share) {
        if (share.isNegative() || share.isZero()) {
            throw new IllegalArgumentException("share must be positive, got " + share);
        }
        this.share = share;
    }

    /**
     * The fair time of a job of {@code accountSid} due at {@code runAt}, enqueued {@code now}; advances the account's
     * virtual clock when the job is due at once.
     */
    public Instant fairAt(String accountSid, Instant runAt, Instant now) {
        if (runAt.isAfter(now)) {
            return runAt;
        }
        if (nextFair.size() > PRUNE_ABOVE) {
            // Accounts whose virtual clock has fallen behind would start from now anyway.
            nextFair.values().removeIf(at -> at.isBefore(now));
        }
        Instant[] fair = new Instant[1];
        nextFair.compute(accountSid, (account, next) -> {
            fair[0] = next == null || next.isBefore(now) ? now : next;
            return fair[0].plus(share);
        });
        return fair[0];
    }
}
