package dev.parley.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.connection.WhatsAppSettings;
import dev.parley.core.content.Content;
import dev.parley.core.content.ContentDirectory;
import dev.parley.core.content.TemplateStatusSink;
import dev.parley.core.content.TemplateSubmitter;
import dev.parley.core.content.WhatsAppApproval;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.media.Media;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.media.MediaFiles;
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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A WhatsApp Business number on Meta's Cloud API (ADR 31), registered as {@code whatsapp:<Name>}.
 *
 * <p><b>Out</b> ({@link #send}): {@code POST <graph>/<phoneNumberId>/messages}: a text; each medium uploaded first
 * to {@code <phoneNumberId>/media} from Parley's stored copy and sent by its media id (the body as the first one's
 * caption where WhatsApp allows one, else as a text after it); a message created from a Content template
 * ({@link Message#content()}) as that template, by the name and language of its approval, its placeholders filled
 * from the message's variables. Meta's answer gives the message's {@code wamid}, its provider id. Errors are
 * Twilio's codes or retries as {@link CloudApiErrors} says.
 *
 * <p><b>In</b> ({@link #handle}, {@code /webhooks/whatsapp/<Name>}): see {@link CloudWebhooks}.
 *
 * <p><b>Templates</b> ({@link #submit}): {@code POST <graph>/<businessAccountId>/message_templates}.
 *
 * <p>Every Graph API call carries the bearer token and its {@code appsecret_proof}; each call's outcome is kept in
 * the channel's {@link HttpChannelHealth}. The token and the secrets never appear in a log line, an error or a
 * message's error text.
 */
public final class WhatsAppCloudChannel implements Channel, ProviderWebhooks, TemplateSubmitter, ProviderMedia {
    private static final Set<String> CAPTIONED = Set.of("image", "video", "document");
    private static final Duration NETWORK_RETRY = Duration.ofSeconds(5);

    /** Where receipts go, inside the caller's transaction ({@code ReceiptHandler::enqueue}). */
    public interface Receipts {
        void enqueue(Tx tx, ReceiptSink.Receipt receipt);
    }

    /**
     * The collaborators of a {@link WhatsAppCloudChannel}.
     *
     * @param transport Parley's outbound HTTP (the Graph API calls)
     * @param media     fetches a received medium's bytes from the URL Meta gives, with the bearer token
     * @param files     the stored media a message sends
     */
    public record Parts(Storage storage, Clock clock, HttpTransport transport, MediaFetcher media, MediaFiles files,
            InboundService inbound, Receipts receipts, ContentDirectory contents, TemplateStatusSink templates) {
    }

    private final String name;
    private final WhatsAppSettings settings;
    private final Parts parts;
    private final GraphApi graph;
    private final HttpChannelHealth health;
    private final CloudWebhooks webhooks;

    public WhatsAppCloudChannel(String name, WhatsAppSettings settings, Parts parts) {
        this.name = name;
        this.settings = settings;
        this.parts = parts;
        this.graph = new GraphApi(settings, parts.transport());
        this.health = new HttpChannelHealth(name, parts.clock());
        this.webhooks = new CloudWebhooks(name, settings, parts, health);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean carriesWhatsApp() {
        return true;
    }

    @Override
    public Optional<ChannelState> state() {
        return health.state();
    }

    @Override
    public void close() {
        health.close();
    }

    @Override
    public ProviderResponse handle(ProviderRequest request) {
        return webhooks.handle(request);
    }

    @Override
    public SendResult send(Message message) {
        String to = message.to().replaceFirst("^whatsapp:", "").replaceFirst("^\\+", "");
        try {
            List<ObjectNode> payloads;
            // A content without an approved template is a free-form message: its rendered body and media, which the
            // dispatcher let through only inside the 24-hour window.
            Optional<ObjectNode> template = message.content() == null ? Optional.empty() : template(message, to);
            if (template.isPresent()) {
                payloads = List.of(template.get());
            } else {
                List<Media> media = parts.storage().read(tx -> tx.media().all(message.accountSid(), message.sid()));
                payloads = new ArrayList<>();
                String caption = message.body() == null ? "" : message.body();
                for (Media medium : media) {
                    Uploaded uploaded = upload(message, medium);
                    if (uploaded.failure != null) {
                        return uploaded.failure;
                    }
                    ObjectNode payload = envelope(to, uploaded.type);
                    ObjectNode object = payload.putObject(uploaded.type).put("id", uploaded.id);
                    if (payloads.isEmpty() && !caption.isEmpty() && CAPTIONED.contains(uploaded.type)) {
                        object.put("caption", caption);
                        caption = "";
                    }
                    payloads.add(payload);
                }
                if (!caption.isEmpty() || payloads.isEmpty()) {
                    ObjectNode text = envelope(to, "text");
                    text.putObject("text").put("preview_url", false).put("body", caption);
                    payloads.add(text);
                }
            }
            return post(payloads);
        } catch (IOException e) {
            String reason = "Graph API unreachable at " + settings.graphBaseUrl() + ": " + GraphApi.describe(e);
            health.failed(reason);
            return new SendResult.RetryLater(NETWORK_RETRY, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.RetryLater(NETWORK_RETRY, "interrupted while sending on " + name);
        }
    }

    /** Sends the payloads in order; the first one's {@code wamid} is the message's provider id. */
    private SendResult post(List<ObjectNode> payloads) throws IOException, InterruptedException {
        String first = null;
        for (ObjectNode payload : payloads) {
            GraphApi.Answer answer = graph.postJson(settings.phoneNumberId() + "/messages", payload);
            if (!answer.ok()) {
                SendResult result = failure(answer, "POST messages");
                if (first == null) {
                    return result;
                }
                // The message is out already; what followed it (a text after an audio) is lost, and said so.
                health.refused("a part after " + first + " was not sent: " + reason(result));
                break;
            }
            health.succeeded();
            String wamid = answer.json().path("messages").path(0).path("id").asText("");
            if (wamid.isEmpty()) {
                health.refused("POST messages answered without a message id");
                return new SendResult.RetryLater(NETWORK_RETRY, "Graph API answered without a message id");
            }
            first = first == null ? wamid : first;
        }
        return new SendResult.Accepted(first);
    }

    private Optional<ObjectNode> template(Message message, String to) {
        String account = message.accountSid();
        String contentSid = message.content().contentSid();
        Optional<WhatsAppApproval> approval = parts.contents().whatsAppApproval(account, contentSid)
                .filter(a -> "approved".equals(a.status()));
        Optional<Content> content = parts.contents().find(account, contentSid);
        if (approval.isEmpty() || content.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode payload = envelope(to, "template");
        ObjectNode template = payload.putObject("template");
        template.put("name", approval.get().name());
        template.putObject("language").put("code", Templates.language(content.get()));
        template.set("components", Templates.components(content.get(), message.content().variables()));
        return Optional.of(payload);
    }

    private record Uploaded(String id, String type, SendResult failure) {
    }

    /** Uploads a stored medium to {@code <phoneNumberId>/media}: its id, and WhatsApp's type for it. */
    private Uploaded upload(Message message, Media medium) throws IOException, InterruptedException {
        Path file = parts.files().path(message.accountSid(), message.sid(), medium.sid());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            // Deleted since it was stored (DELETE on the Media resource): retrying will not bring it back.
            return new Uploaded(null, null, new SendResult.Rejected(MessageStatus.FAILED, 63019, "medium "
                    + medium.sid() + " of " + message.sid() + " is no longer stored"));
        }
        Multipart form = new Multipart();
        form.field("messaging_product", "whatsapp");
        form.field("type", medium.contentType());
        form.file("file", medium.sid() + extension(medium.contentType()), medium.contentType(), bytes);
        GraphApi.Answer answer = graph.post(settings.phoneNumberId() + "/media", form.contentType(), form.bytes());
        if (!answer.ok()) {
            return new Uploaded(null, null, failure(answer, "POST media"));
        }
        health.succeeded();
        return new Uploaded(answer.json().path("id").asText(), whatsAppType(medium.contentType()), null);
    }

    private SendResult failure(GraphApi.Answer answer, String what) {
        JsonNode error = answer.error();
        SendResult result = CloudApiErrors.sendResult(answer.status(), error, what);
        if (CloudApiErrors.unauthorized(answer.status(), error.path("code").asInt(-1))) {
            health.unauthorized(reason(result));
        } else if (result instanceof SendResult.RetryLater) {
            health.failed(reason(result));
        } else {
            health.refused(reason(result));
        }
        return result;
    }

    private static String reason(SendResult result) {
        return switch (result) {
            case SendResult.RetryLater r -> r.reason();
            case SendResult.Rejected r -> r.errorCode() + " " + r.reason();
            case SendResult.Accepted a -> "accepted as " + a.providerId();
        };
    }

    private static ObjectNode envelope(String to, String type) {
        ObjectNode payload = GraphApi.JSON.createObjectNode();
        payload.put("messaging_product", "whatsapp");
        payload.put("recipient_type", "individual");
        payload.put("to", to);
        payload.put("type", type);
        return payload;
    }

    /** WhatsApp's type for a medium: {@code image}, {@code video}, {@code audio}, {@code sticker}, {@code document}. */
    static String whatsAppType(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.equals("image/webp")) {
            return "sticker";
        }
        if (type.startsWith("image/")) {
            return "image";
        }
        if (type.startsWith("video/")) {
            return "video";
        }
        if (type.startsWith("audio/")) {
            return "audio";
        }
        return "document";
    }

    private static String extension(String contentType) {
        int slash = contentType == null ? -1 : contentType.indexOf('/');
        return slash < 0 ? "" : "." + contentType.substring(slash + 1).replaceAll("[^A-Za-z0-9]", "");
    }

    @Override
    public Submitted submit(Content content, String templateName, String category) {
        ObjectNode body = Templates.submission(content, templateName, category);
        try {
            GraphApi.Answer answer = graph.postJson(settings.businessAccountId() + "/message_templates", body);
            if (!answer.ok()) {
                JsonNode error = answer.error();
                String reason = error.path("error_user_msg").asText(error.path("message").asText("HTTP "
                        + answer.status()));
                if (CloudApiErrors.unauthorized(answer.status(), error.path("code").asInt(-1))) {
                    health.unauthorized("POST message_templates: " + reason);
                    throw new ProviderUnavailable("the Graph API refused the channel's access token");
                }
                if (answer.status() == 429 || answer.status() >= 500) {
                    health.failed("POST message_templates: " + reason);
                    throw new ProviderUnavailable("the Graph API answered HTTP " + answer.status());
                }
                health.refused("POST message_templates: " + reason);
                throw new TemplateRefused(reason);
            }
            health.succeeded();
            return new Submitted(answer.json().path("id").asText(),
                    CloudWebhooks.templateStatus(answer.json().path("status").asText("PENDING")));
        } catch (IOException e) {
            health.failed("POST message_templates: " + e.getClass().getSimpleName());
            throw new ProviderUnavailable("the Graph API at " + settings.graphBaseUrl() + " could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("interrupted while submitting the template");
        }
    }

    /**
     * A received medium's URL, as {@link CloudWebhooks} gives it: {@code <graph>/<media-id>?phone_number_id=<id>}
     * (Meta's media object, which names the URL of its bytes). Read with this channel's token: the object first, then
     * its bytes.
     */
    @Override
    public Optional<MediaFetcher.Result> fetchMedia(String url, Path target) {
        String prefix = settings.graphBaseUrl() + "/";
        String suffix = "?phone_number_id=" + settings.phoneNumberId();
        if (!url.startsWith(prefix) || !url.endsWith(suffix)) {
            return Optional.empty();
        }
        String mediaId = url.substring(prefix.length(), url.length() - suffix.length());
        if (!mediaId.matches("[A-Za-z0-9_.-]+")) {
            return Optional.of(new MediaFetcher.Result.Failed(11200, "not a media id: " + mediaId));
        }
        try {
            GraphApi.Answer answer = graph.get(mediaId + suffix);
            if (!answer.ok()) {
                String reason = "GET media " + mediaId + " answered HTTP " + answer.status() + " (Cloud API error "
                        + answer.error().path("code").asInt(-1) + ")";
                if (CloudApiErrors.unauthorized(answer.status(), answer.error().path("code").asInt(-1))) {
                    health.unauthorized(reason);
                } else {
                    health.refused(reason);
                }
                return Optional.of(new MediaFetcher.Result.Failed(11200, reason));
            }
            health.succeeded();
            String download = answer.json().path("url").asText("");
            if (download.isEmpty()) {
                return Optional.of(new MediaFetcher.Result.Failed(11200, "media " + mediaId + " has no URL"));
            }
            return Optional.of(parts.media().fetch(download, graph.bearer(), target));
        } catch (IOException e) {
            health.failed("GET media " + mediaId + ": " + e.getClass().getSimpleName());
            return Optional.of(new MediaFetcher.Result.Failed(11200, "cannot read media " + mediaId + ": "
                    + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new MediaFetcher.Result.Failed(11200, "interrupted reading media " + mediaId));
        }
    }
}
