package dev.parley.core.inbound;

import dev.parley.core.account.Account;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.media.Media;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.SendRequest;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.twiml.MessageVerb;
import dev.parley.core.twiml.RedirectVerb;
import dev.parley.core.twiml.TwimlException;
import dev.parley.core.twiml.TwimlParser;
import dev.parley.core.twiml.TwimlVerb;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.WebhookClient;
import dev.parley.core.webhook.WebhookDelivery;
import java.net.URI;
import java.net.URLConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs {@code message.inbound} jobs: posts the received message to the number's {@code SmsUrl} (falling back
 * to {@code SmsFallbackUrl} when it fails or times out), follows {@code <Redirect>}s, and acts on the TwiML
 * answer by creating {@code outbound-reply} messages. The replies, the delivery-log rows and the job's
 * completion commit in one transaction. Malformed TwiML is logged as a webhook error (12100/12200) and
 * ends the job; an unreachable webhook is retried with backoff and ends as a dead letter.
 */
public final class InboundWebhookHandler implements JobHandler {
    public static final String KIND = "message.inbound";
    private static final int MAX_REDIRECTS = 10;
    private final Storage storage;
    private final WebhookClient client;
    private final MessageService messages;
    private final IdGenerator ids;
    private final Clock clock;

    public InboundWebhookHandler(Storage storage, WebhookClient client, MessageService messages, IdGenerator ids,
            Clock clock) {
        this.storage = storage;
        this.client = client;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * The received message, its account, the webhooks it goes to (its number's or short code's, or their service's)
     * and its stored media.
     */
    private record Context(Message message, Account account, IncomingPhoneNumber.Webhooks hooks, List<Media> media) {
    }

    @Override
    public JobOutcome handle(Job job) {
        InboundService.WebhookPayload payload = InboundService.WebhookPayload.fromJson(job.payload());
        Context ctx = storage.read(tx -> tx.messages().find(job.accountSid(), payload.sid())
                .flatMap(m -> tx.accounts().find(job.accountSid()).flatMap(a -> InboundService.webhooksOf(tx, m)
                        .map(h -> new Context(m, a, h, tx.media().all(job.accountSid(), m.sid()))))))
                .orElse(null);
        if (ctx == null || ctx.hooks().smsUrl() == null) {
            return JobOutcome.DONE;
        }
        Map<String, List<String>> params = params(ctx.message(), payload.optOutType(), ctx.media());
        WhatsAppParams.add(params, ctx.message(), payload.profileName(), ctx.media());
        if (payload.parameters() != null) {
            payload.parameters().forEach((name, value) -> params.put(name, List.of(value)));
        }
        List<WebhookDelivery> log = new ArrayList<>();
        IncomingPhoneNumber.Webhooks hooks = ctx.hooks();
        boolean last = job.attempts() >= job.maxAttempts();

        WebhookClient.Result answer = call(job, ctx, "incoming-message", hooks.smsUrl(), hooks.smsMethod(), params,
                job.id(), last, log);
        if (!answer.success() && hooks.smsFallbackUrl() != null) {
            answer = call(job, ctx, "incoming-message-fallback", hooks.smsFallbackUrl(), hooks.smsFallbackMethod(),
                    params, job.id() + "-fallback", last, log);
        }
        if (!answer.success()) {
            Consumer<Tx> writeLog = tx -> log.forEach(tx.webhookLog()::insert);
            if (answer.retryable()) {
                return new JobOutcome.Retry(null, describe(answer), writeLog);
            }
            return JobOutcome.done(writeLog);
        }
        // The fallback answered: the primary's failure is final, not something to retry.
        log.replaceAll(d -> d.outcome().equals("delivered") ? d : d.withOutcome("failed"));
        List<SendRequest> replies = new ArrayList<>();
        String twimlError = act(job, ctx, answer, params, replies, log, last);
        if (twimlError != null) {
            WebhookDelivery lastRow = log.removeLast();
            log.add(lastRow.withError(twimlError));
        }
        return JobOutcome.done(tx -> {
            List<String> refused = new ArrayList<>();
            for (SendRequest reply : replies) {
                try {
                    messages.createIn(tx, reply, false);
                } catch (ApiException e) {
                    refused.add(e.code() + " " + e.getMessage());
                }
            }
            if (!refused.isEmpty()) {
                WebhookDelivery lastRow = log.removeLast();
                log.add(lastRow.withError("reply refused: " + String.join("; ", refused)));
            }
            log.forEach(tx.webhookLog()::insert);
        });
    }

    /** Parses the answer and follows redirects; collects replies. Returns a TwiML error text, or null. */
    private String act(Job job, Context ctx, WebhookClient.Result answer, Map<String, List<String>> params,
            List<SendRequest> replies, List<WebhookDelivery> log, boolean last) {
        WebhookClient.Result current = answer;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            List<TwimlVerb> verbs;
            try {
                verbs = TwimlParser.parse(current.body());
            } catch (TwimlException e) {
                return e.errorCode() + " " + e.getMessage();
            }
            RedirectVerb redirect = null;
            for (TwimlVerb verb : verbs) {
                switch (verb) {
                    case MessageVerb m -> replies.add(reply(ctx.message(), m));
                    case RedirectVerb r -> redirect = r;
                }
                if (redirect != null) {
                    break;
                }
            }
            if (redirect == null) {
                return null;
            }
            String url = resolve(log.getLast().url(), redirect.url());
            current = call(job, ctx, "redirect", url, redirect.method(), params, job.id() + "-redirect-" + hop, last,
                    log);
            if (!current.success()) {
                return "11200 redirect to " + url + " failed: " + describe(current);
            }
        }
        return "12200 more than " + MAX_REDIRECTS + " redirects";
    }

    private static SendRequest reply(Message inbound, MessageVerb verb) {
        String to = verb.to() != null ? verb.to() : inbound.from();
        String from = verb.from() != null ? verb.from() : inbound.to();
        String callback = verb.statusCallback() != null ? verb.statusCallback() : verb.action();
        return SendRequest.reply(inbound.accountSid(), to, from, verb.body(), verb.mediaUrls(), callback,
                verb.method());
    }

    private WebhookClient.Result call(Job job, Context ctx, String purpose, String url, String method,
            Map<String, List<String>> params, String idempotencyToken, boolean last, List<WebhookDelivery> log) {
        String verb = method == null ? "POST" : method;
        WebhookClient.Result result = client.call(new WebhookClient.Request(url, verb, params,
                ctx.account().authToken(), idempotencyToken));
        log.add(new WebhookDelivery(ids.sid("WD"), job.accountSid(), job.id(), purpose, ctx.message().sid(), url,
                verb, job.attempts(), result.status(), result.latencyMillis(), result.excerpt(1024),
                result.success() ? null : "11200 " + describe(result), result.outcome(last), clock.instant()));
        return result;
    }

    private static String describe(WebhookClient.Result r) {
        return r.error() != null ? r.error() : "HTTP " + r.status();
    }

    private static String resolve(String base, String target) {
        try {
            return URI.create(base).resolve(target.strip()).toString();
        } catch (IllegalArgumentException e) {
            return target;
        }
    }

    /**
     * The parameters Twilio posts for an incoming message. {@code media} are the stored media, whose content types
     * are known; a URL without one gets a type guessed from its name.
     */
    static Map<String, List<String>> params(Message m, String optOutType, List<Media> media) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        put(p, "MessageSid", m.sid());
        put(p, "SmsSid", m.sid());
        put(p, "SmsMessageSid", m.sid());
        put(p, "AccountSid", m.accountSid());
        if (m.messagingServiceSid() != null) {
            put(p, "MessagingServiceSid", m.messagingServiceSid());
        }
        put(p, "From", m.from());
        put(p, "To", m.to());
        put(p, "Body", m.body());
        put(p, "NumMedia", String.valueOf(m.numMedia()));
        put(p, "NumSegments", String.valueOf(m.numSegments()));
        put(p, "SmsStatus", "received");
        put(p, "ApiVersion", "2010-04-01");
        for (int i = 0; i < m.mediaUrls().size(); i++) {
            String url = m.mediaUrls().get(i);
            put(p, "MediaUrl" + i, url);
            String type = i < media.size() ? media.get(i).contentType() : contentTypeOf(url);
            if (type != null) {
                put(p, "MediaContentType" + i, type);
            }
        }
        geography(p, "From", m.from());
        geography(p, "To", m.to());
        if (optOutType != null) {
            put(p, "OptOutType", optOutType);
        }
        return p;
    }

    /** Guessed from the URL's file name; null when it tells nothing (or is not a URL). */
    private static String contentTypeOf(String url) {
        try {
            return URLConnection.guessContentTypeFromName(URI.create(url).getPath());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void geography(Map<String, List<String>> p, String prefix, String address) {
        PhoneNumber.parse(address).ifPresent(n -> {
            PhoneNumber.Geography g = n.geography();
            put(p, prefix + "Country", g.country());
            put(p, prefix + "State", g.state());
            put(p, prefix + "City", g.city());
            put(p, prefix + "Zip", g.zip());
        });
    }

    private static void put(Map<String, List<String>> p, String name, String value) {
        p.put(name, List.of(value == null ? "" : value));
    }
}
