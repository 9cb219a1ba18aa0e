package dev.parley.channels.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.connection.TwilioSettings;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.HttpChannelHealth;
import dev.parley.core.message.channel.ProviderMedia;
import dev.parley.core.message.channel.ProviderWebhooks;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.message.channel.SendResult;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Twilio account as an upstream carrier (ADR 32): each message is created in that account through Twilio's Messages
 * API ({@code POST <BaseUrl>/2010-04-01/Accounts/<AC>/Messages.json}, HTTP Basic with the account's SID and auth
 * token), asking for status callbacks at {@code <Parley>/webhooks/twilio/<Name>/status}. The upstream's status
 * callbacks and its numbers' inbound webhooks come back through {@link ProviderWebhooks}
 * ({@link UpstreamWebhooks}), accepted only with the {@code X-Twilio-Signature} the account's auth token gives.
 *
 * <p>What {@link #send} answers: a 2xx with the upstream's {@code sid} is {@link SendResult.Accepted} (that sid is the
 * message's provider id); 429, 5xx, a 401/403 (credentials the operator can correct), an unreadable answer and network
 * trouble are {@link SendResult.RetryLater} with the runner's backoff; any other 4xx is
 * {@link SendResult.Rejected} with the upstream's Twilio error code (30008 when it gives none). A retry after a timeout
 * may create the message upstream twice: Twilio's Messages API takes no idempotency key.
 *
 * <p>Media of the upstream's inbound messages ({@code MediaUrl0…} under the account's {@code /2010-04-01/Accounts/<AC>/}
 * path) are fetched as Twilio's default lets anyone fetch them, without credentials and following its redirect to
 * the file; when that is refused (the account enforces HTTP authentication on media, or the upstream is a Parley),
 * again with the account's credentials, to the upstream's host only.
 */
public final class TwilioUpstreamChannel implements Channel, ProviderWebhooks, ProviderMedia {
    private static final Logger log = LoggerFactory.getLogger(TwilioUpstreamChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The whole exchange with the upstream, connecting included. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int BODY_LIMIT = 64 * 1024;
    private static final int UNKNOWN_ERROR = 30008;

    /** Where a status callback's receipt goes, in the transaction that found its message. */
    @FunctionalInterface
    public interface Receipts {
        void enqueue(Tx tx, ReceiptSink.Receipt receipt);
    }

    /**
     * Turns a {@code MediaUrl} the upstream could not fetch (media stored in Parley, behind Parley's credentials) into
     * a URL it can, for as long as it takes to fetch; any other URL is returned as given.
     */
    @FunctionalInterface
    public interface MediaLinks {
        MediaLinks AS_GIVEN = (accountSid, url) -> url;

        String fetchable(String accountSid, String url);
    }

    /**
     * The collaborators of a {@link TwilioUpstreamChannel}.
     *
     * @param http      the HTTP client calls to the upstream go through
     * @param media     fetches the upstream's media (Parley's media fetcher, its deny list and limits)
     * @param links     what the upstream is given for media stored in Parley
     * @param storage   where callbacks find their messages and inbound messages are stored
     * @param inbound   Parley's inbound path (opt-out, conversations, webhooks)
     * @param receipts  takes the receipts the upstream's status callbacks report
     * @param clock     the time of receipts
     * @param publicUrl Parley's public URL, which the upstream calls back on
     */
    public record Parts(HttpTransport http, MediaFetcher media, MediaLinks links, Storage storage,
            InboundService inbound, Receipts receipts, Clock clock, String publicUrl) {
    }

    private final String name;
    private final String ownerAccountSid;
    private final TwilioSettings settings;
    private final Parts parts;
    private final UpstreamWebhooks webhooks;
    private final HttpChannelHealth health;
    private final String authorization;

    /**
     * @param name            the registry's name, {@code twilio:<Name>}
     * @param ownerAccountSid the Parley account that owns the connection: callbacks and inbound messages reach only its
     *                        (and its subaccounts') messages and numbers
     */
    public TwilioUpstreamChannel(String name, String ownerAccountSid, TwilioSettings settings, Parts parts) {
        this.name = name;
        this.ownerAccountSid = ownerAccountSid;
        this.settings = settings;
        this.parts = parts;
        this.health = new HttpChannelHealth(name, parts.clock());
        this.webhooks = new UpstreamWebhooks(name, ownerAccountSid, settings.authToken(), parts, health);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(Message message) {
        URI uri = URI.create(settings.baseUrl() + "/2010-04-01/Accounts/" + settings.accountSid() + "/Messages.json");
        byte[] body = Forms.encode(form(message)).getBytes(StandardCharsets.UTF_8);
        HttpTransport.Response answer;
        try {
            answer = parts.http().exchange(new HttpTransport.Exchange(uri, "POST", Map.of(
                    "Authorization", authorization,
                    "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                    "Accept", "application/json"), body, TIMEOUT, BODY_LIMIT));
        } catch (IOException e) {
            String reason = "upstream " + settings.baseUrl() + " unreachable: " + e;
            health.failed(reason);
            return retry(message, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            health.failed("interrupted while calling the upstream");
            return retry(message, "interrupted while calling the upstream");
        }
        return outcome(message, answer);
    }

    /**
     * The Messages API form: To, From, Body, every MediaUrl (Parley's own media as a link the upstream can fetch), and
     * Parley's status callback for this message.
     */
    private List<Map.Entry<String, String>> form(Message message) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("To", message.to()));
        form.add(Map.entry("From", message.from()));
        if (message.body() != null && !message.body().isEmpty()) {
            form.add(Map.entry("Body", message.body()));
        }
        message.mediaUrls().forEach(url -> form.add(Map.entry("MediaUrl",
                parts.links().fetchable(message.accountSid(), url))));
        form.add(Map.entry("StatusCallback", statusCallback(message)));
        return form;
    }

    /**
     * The message's callback URL. Besides the path it carries the Parley message it is about, so that a callback
     * overtaking the store of the upstream's sid (the dispatcher records it after {@link #send} returns) still finds
     * its message; the upstream signs the URL with its query, so nobody else can change it.
     */
    String statusCallback(Message message) {
        return parts.publicUrl() + UpstreamWebhooks.PATH + name.substring(name.indexOf(':') + 1)
                + UpstreamWebhooks.STATUS + "?" + UpstreamWebhooks.ACCOUNT_PARAM + "=" + message.accountSid()
                + "&" + UpstreamWebhooks.MESSAGE_PARAM + "=" + message.sid();
    }

    private SendResult outcome(Message message, HttpTransport.Response answer) {
        int status = answer.status();
        JsonNode json = parse(answer.body());
        if (status >= 200 && status < 300) {
            String sid = json == null ? null : json.path("sid").asText(null);
            if (sid == null || sid.isBlank()) {
                String reason = "upstream answered " + status + " without a message sid";
                health.failed(reason);
                return retry(message, reason);
            }
            health.succeeded();
            return new SendResult.Accepted(sid);
        }
        String reason = "upstream answered " + status + (json == null ? ""
                : (" " + json.path("code").asText("") + " " + json.path("message").asText("")).stripTrailing());
        if (status == 401 || status == 403) {
            health.unauthorized(reason);
            return retry(message, reason);
        }
        if (status == 429 || status >= 500 || status < 400) {
            health.failed(reason);
            return retry(message, reason);
        }
        int code = json != null && json.path("code").canConvertToInt() && json.path("code").asInt() > 0
                ? json.path("code").asInt() : UNKNOWN_ERROR;
        health.refused(message.sid() + ": " + reason);
        return new SendResult.Rejected(MessageStatus.FAILED, code, reason);
    }

    private SendResult retry(Message message, String reason) {
        log.debug("{}: {} not sent yet: {}", name, message.sid(), reason);
        return new SendResult.RetryLater(null, reason);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public ProviderResponse handle(ProviderRequest request) {
        return webhooks.handle(request);
    }

    @Override
    public Optional<MediaFetcher.Result> fetchMedia(String url, Path target) {
        if (!url.startsWith(settings.baseUrl() + "/2010-04-01/Accounts/" + settings.accountSid() + "/")) {
            return Optional.empty();
        }
        MediaFetcher.Result open = parts.media().fetch(url, target);
        if (open instanceof MediaFetcher.Result.Fetched) {
            return Optional.of(open);
        }
        return Optional.of(parts.media().fetch(url, Map.of("Authorization", authorization), target));
    }

    /** Ready, failing or unauthorized, from the last call to the upstream (ADR 35); requests per second. */
    @Override
    public Optional<ChannelState> state() {
        return health.state();
    }

    /** Nothing is held open between calls; from now on the channel reports {@code stopped}. */
    @Override
    public void close() {
        health.close();
    }

    /** The upstream account, for logs: the auth token never appears. */
    @Override
    public String toString() {
        return "TwilioUpstreamChannel[" + name + ", owner " + ownerAccountSid + ", " + settings + "]";
    }
}
