package dev.parley.core.webhook;

import dev.parley.core.account.Account;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Delivers {@code webhook} jobs (status callbacks and other fire-and-forget notifications). Each attempt is
 * logged; connection errors, timeouts, 5xx and 429 are retried with backoff, and the attempt after the last
 * is logged as {@code dead}. Other answers (4xx) are final: logged as {@code failed}, not retried.
 */
public final class WebhookDispatcher implements JobHandler {
    public static final int EXCERPT = 1024;
    static final Duration TOKEN_TTL = Duration.ofSeconds(5);
    private final Storage storage;
    private final WebhookClient client;
    private final IdGenerator ids;
    private final Clock clock;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    public WebhookDispatcher(Storage storage, WebhookClient client, IdGenerator ids, Clock clock) {
        this.storage = storage;
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
        WebhookClient.Result result = client.call(new WebhookClient.Request(hook.url(), hook.method(), hook.params(),
                token.get(), job.id()));
        String outcome = result.outcome(job.attempts() >= job.maxAttempts());
        WebhookDelivery row = new WebhookDelivery(ids.sid("WD"), job.accountSid(), job.id(), hook.purpose(),
                hook.messageSid(), hook.url(), hook.method(), job.attempts(), result.status(), result.latencyMillis(),
                result.excerpt(EXCERPT), result.error(), outcome, clock.instant());
        if (result.success() || !result.retryable()) {
            return JobOutcome.done(tx -> tx.webhookLog().insert(row));
        }
        String reason = result.error() != null ? result.error() : "HTTP " + result.status();
        return new JobOutcome.Retry(null, reason, tx -> tx.webhookLog().insert(row));
    }
}
