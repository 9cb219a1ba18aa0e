package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.queue.Job;
import dev.parley.core.tx.Storage;
import dev.parley.core.webhook.WebhookDelivery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parley's operational views: the webhook delivery log and the dead letters of the work queue. */
final class AdminRoutes {
    private final AccountService accounts;
    private final Storage storage;
    private final String publicUrl;

    AdminRoutes(AccountService accounts, Storage storage, String publicUrl) {
        this.accounts = accounts;
        this.storage = storage;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.get("/parley/v1/WebhookDeliveries", this::deliveries);
        r.get("/parley/v1/DeadLetters", this::deadLetters);
    }

    private void deliveries(Context ctx) {
        Account account = Requests.actingAccount(ctx, accounts);
        PageRequest req = Paging.request(ctx);
        String messageSid = ctx.queryParam("MessageSid");
        String outcome = ctx.queryParam("Outcome");
        Page<WebhookDelivery> page = storage.read(tx -> tx.webhookLog().list(account.sid(), messageSid, outcome, req));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("MessageSid", messageSid);
        filters.put("Outcome", outcome);
        Requests.json(ctx, 200, Paging.pageV1("webhook_deliveries", publicUrl, "/parley/v1/WebhookDeliveries",
                filters, req, page, page.items().stream().map(AdminRoutes::json).toList()));
    }

    private void deadLetters(Context ctx) {
        Account account = Requests.actingAccount(ctx, accounts);
        PageRequest req = Paging.request(ctx);
        Page<Job> page = storage.read(tx -> tx.jobs().deadLetters(account.sid(), req));
        Requests.json(ctx, 200, Paging.pageV1("dead_letters", publicUrl, "/parley/v1/DeadLetters", Map.of(), req,
                page, page.items().stream().map(AdminRoutes::json).toList()));
    }

    static Map<String, Object> json(WebhookDelivery d) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", d.sid());
        j.put("account_sid", d.accountSid());
        j.put("purpose", d.purpose());
        j.put("message_sid", d.messageSid());
        j.put("url", d.url());
        j.put("method", d.method());
        j.put("attempt", d.attempt());
        j.put("response_status", d.responseStatus());
        j.put("latency_ms", d.latencyMillis());
        j.put("response_excerpt", d.responseExcerpt());
        j.put("error", d.error());
        j.put("outcome", d.outcome());
        j.put("idempotency_token", d.jobId());
        j.put("date_created", Wire.iso(d.dateCreated()));
        return j;
    }

    static Map<String, Object> json(Job job) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", job.id());
        j.put("account_sid", job.accountSid());
        j.put("kind", job.kind());
        j.put("attempts", job.attempts());
        j.put("last_error", job.lastError());
        j.put("payload", job.payload());
        j.put("date_created", Wire.iso(job.createdAt()));
        return j;
    }
}
