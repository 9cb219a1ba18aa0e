package dev.parley.core.webhook;

import dev.parley.core.account.Account;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.queue.Backoff;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Delivers {@code webhook} jobs (status callbacks and other fire-and-forget notifications). Each attempt is
 * logged; connection errors, timeouts, 5xx and 429 are retried with backoff, and the attempt after the last
 * is logged as {@code dead}. Other answers (4xx) are final: logged as {@code failed}, not retried. A job that
 * chains several requests ({@link WebhookJob#then()}) makes them in order, each logged with its own attempt count.
 */
public final class WebhookDispatcher implements JobHandler {
    public static final int EXCERPT = 1024;
    static final Duration TOKEN_TTL = Duration.ofSeconds(5);
    private final Storage storage;
    private final WebhookClient client;
    private final IdGenerator ids;
    private final Clock clock;
    private final Backoff backoff;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    /** @param backoff the runner's, for a request that goes on in a job of its own after a chain's first */
    public WebhookDispatcher(Storage storage, WebhookClient client, IdGenerator ids, Clock clock, Backoff backoff) {
        this.storage = storage;
        this.backoff = backoff;
        this.client = client;
        this.ids = ids;
        this.clock = clock;
    }

    private record CachedToken(String token, Instant until) {
    }

    /**
     * The account's auth token, which signs its webhooks. Kept for {@link #TOKEN_TTL}: status callbacks come in
     * threes per message, and a changed token reaches the signatures within seconds, as it does at Twilio.
     */
    private Optional<String> authToken(String accountSid) {
        Instant now = clock.instant();
        CachedToken cached = tokens.get(accountSid);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.token());
        }
        Optional<String> token = storage.read(tx -> tx.accounts().find(accountSid)).map(Account::authToken);
        token.ifPresent(t -> tokens.put(accountSid, new CachedToken(t, now.plus(TOKEN_TTL))));
        return token;
    }

    @Override
    public String kind() {
        return WebhookJob.KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        WebhookJob hook = WebhookJob.fromJson(job.payload());
        Optional<String> token = authToken(job.accountSid());
        if (token.isEmpty()) {
            return new JobOutcome.GiveUp("account " + job.accountSid() + " no longer exists", JobOutcome.NOTHING);
        }
        List<WebhookDelivery> rows = new ArrayList<>();
        int attempt = job.attempts();
        for (boolean first = true; ; first = false) {
            boolean last = first && attempt >= job.maxAttempts();
            WebhookClient.Result result = client.call(new WebhookClient.Request(hook.url(), hook.method(),
                    hook.params(), token.get(), hook.token() != null ? hook.token() : job.id()));
            rows.add(new WebhookDelivery(ids.sid("WD"), job.accountSid(), job.id(), hook.purpose(), hook.messageSid(),
                    hook.url(), hook.method(), attempt, result.status(), result.latencyMillis(),
                    result.excerpt(EXCERPT), result.error(), result.outcome(last), clock.instant()));
            Consumer<Tx> log = tx -> rows.forEach(tx.webhookLog()::insert);
            if (result.success() || !result.retryable()) {
                if (hook.then() == null) {
                    return JobOutcome.done(log);
                }
                hook = hook.then();
                attempt = 1;
                continue;
            }
            String reason = result.error() != null ? result.error() : "HTTP " + result.status();
            if (first) {
                // Retried after the runner's backoff; buried after the last attempt, the requests after it going on.
                WebhookJob rest = hook.then();
                return new JobOutcome.Retry(null, reason, last && rest != null
                        ? log.andThen(tx -> tx.jobs().enqueue(continuation(job, rest, 0, clock.instant(), reason)))
                        : log);
            }
            // A request after the first failed: it goes on in a job of its own, its first attempt made.
            WebhookJob rest = hook;
            Instant at = clock.instant().plus(backoff.delay(1));
            return JobOutcome.done(log.andThen(tx -> tx.jobs().enqueue(
                    continuation(job, rest, Math.min(1, job.maxAttempts() - 1), at, reason))));
        }
    }

    private Job continuation(Job job, WebhookJob rest, int attempts, Instant runAt, String reason) {
        return new Job(ids.sid("JB"), job.accountSid(), WebhookJob.KIND, rest.toJson(), runAt, attempts,
                job.maxAttempts(), reason, Job.JobState.PENDING, clock.instant());
    }
}
