package dev.parley.core.webhook;

import java.time.Instant;

/**
 * One attempt to deliver a webhook, as the delivery log keeps it. {@code responseStatus} is null when no
 * HTTP answer came (connection refused, timeout); {@code outcome} is delivered, retrying, failed or dead.
 */
public record WebhookDelivery(
        String sid,
        String accountSid,
        String jobId,
        String purpose,
        String messageSid,
        String url,
        String method,
        int attempt,
        Integer responseStatus,
        long latencyMillis,
        String responseExcerpt,
        String error,
        String outcome,
        Instant dateCreated) {

    public WebhookDelivery withError(String newError) {
        return new WebhookDelivery(sid, accountSid, jobId, purpose, messageSid, url, method, attempt, responseStatus,
                latencyMillis, responseExcerpt, newError, outcome, dateCreated);
    }

    public WebhookDelivery withOutcome(String newOutcome) {
        return new WebhookDelivery(sid, accountSid, jobId, purpose, messageSid, url, method, attempt, responseStatus,
                latencyMillis, responseExcerpt, error, newOutcome, dateCreated);
    }
}
