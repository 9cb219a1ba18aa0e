package dev.parley.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.address.ChannelAddress;
import dev.parley.core.connection.WhatsAppSettings;
import dev.parley.core.error.ApiException;
import dev.parley.core.inbound.InboundMessage;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.HttpChannelHealth;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderRequest;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderResponse;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.tx.Tx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's webhooks for one Cloud API number, at {@code /webhooks/whatsapp/<Name>}.
 *
 * <ul>
 *   <li>{@code GET} with {@code hub.mode=subscribe} and the connection's {@code hub.verify_token}: the subscription
 *       handshake, answered with {@code hub.challenge}; anything else 403.</li>
 *   <li>{@code POST}: only with {@code X-Hub-Signature-256} of the raw body with the app secret (401 without one, 403
 *       with a wrong one; nothing read, nothing changed). A body that is not Meta's JSON is 400. Then, for this
 *       number ({@code metadata.phone_number_id}) only: each received message to {@code InboundService} (text; a
 *       medium's caption as the body and the medium as a URL its channel fetches with its token; a button's text,
 *       with Twilio's {@code ButtonText} and {@code ButtonPayload}; a reply with Twilio's
 *       {@code OriginalRepliedMessageSid} and {@code OriginalRepliedMessageSender} when the message replied to is
 *       Parley's; reactions, locations and contacts are not stored: Twilio's webhook has no parameters for them),
 *       stored with its {@code wamid} so a repeated webhook stores nothing twice; each status as a delivery receipt of
 *       the message with that {@code wamid} ({@code read} also reports {@code delivered}, so a read that overtakes
 *       its delivery still ends {@code read}; a late {@code sent} changes nothing); and, for the connection's business
 *       account, each {@code message_template_status_update} to the {@code TemplateStatusSink}.</li>
 * </ul>
 * Everything a POST changes commits in one transaction before the 200, so Meta retries a webhook whose effect was
 * not stored. A message Parley refuses for good (its number is not bound to this channel) is logged and answered
 * 200: Meta would otherwise retry it for days.
 */
final class CloudWebhooks {
    private static final Logger log = LoggerFactory.getLogger(CloudWebhooks.class);
    private final String channel;
    private final WhatsAppSettings settings;
    private final WhatsAppCloudChannel.Parts parts;
    private final HttpChannelHealth health;

    CloudWebhooks(String channel, WhatsAppSettings settings, WhatsAppCloudChannel.Parts parts,
            HttpChannelHealth health) {
        this.channel = channel;
        this.settings = settings;
        this.parts = parts;
        this.health = health;
    }

    ProviderResponse handle(ProviderRequest request) {
        if (!request.subPath().isEmpty() && !request.subPath().equals("/")) {
            return ProviderResponse.text(404, "no such webhook");
        }
        return switch (request.method().toUpperCase(Locale.ROOT)) {
            case "GET" -> verify(request);
            case "POST" -> receive(request);
            default -> ProviderResponse.text(405, "GET or POST");
        };
    }

    private ProviderResponse verify(ProviderRequest request) {
        String token = request.queryParam("hub.verify_token");
        String challenge = request.queryParam("hub.challenge");
        if (!"subscribe".equals(request.queryParam("hub.mode")) || token == null || challenge == null
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        settings.verifyToken().getBytes(StandardCharsets.UTF_8))) {
            health.webhookRefused("webhook verification refused: wrong hub.verify_token or hub.mode");
            return ProviderResponse.text(403, "verification refused");
        }
        return ProviderResponse.text(200, challenge);
    }

    private ProviderResponse receive(ProviderRequest request) {
        String signature = request.headers().get("x-hub-signature-256");
        if (signature == null) {
            health.webhookRefused("webhook without X-Hub-Signature-256 refused");
            return ProviderResponse.text(401, "X-Hub-Signature-256 required");
        }
        if (!Hmac.validHubSignature(settings.appSecret(), request.body(), signature)) {
            health.webhookRefused("webhook with a wrong X-Hub-Signature-256 refused (is AppSecret the app's?)");
            return ProviderResponse.text(403, "signature does not match");
        }
        JsonNode root;
        try {
            root = GraphApi.JSON.readTree(request.body());
        } catch (IOException e) {
            return ProviderResponse.text(400, "not JSON");
        }
        if (root == null || !root.path("entry").isArray()) {
            return ProviderResponse.text(400, "no entry");
        }
        List<TemplateUpdate> templates = new ArrayList<>();
        List<JsonNode> messageChanges = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                switch (change.path("field").asText()) {
                    case "messages" -> messageChanges.add(change.path("value"));
                    case "message_template_status_update" -> {
                        if (settings.businessAccountId().equals(entry.path("id").asText())) {
                            templates.add(TemplateUpdate.of(change.path("value")));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (!messageChanges.isEmpty()) {
            parts.storage().writeVoid(tx -> messageChanges.forEach(value -> messages(tx, value)));
        }
        templates.stream().filter(t -> t.status() != null).forEach(t -> parts.templates().update(channel,
                t.templateId(), t.name(), t.language(), t.status(), t.reason()));
        return ProviderResponse.text(200, "ok");
    }

    private void messages(Tx tx, JsonNode value) {
        JsonNode metadata = value.path("metadata");
        if (!settings.phoneNumberId().equals(metadata.path("phone_number_id").asText())) {
            return;
        }
        String business = "whatsapp:+" + metadata.path("display_phone_number").asText().replaceAll("[^0-9]", "");
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : value.path("contacts")) {
            names.put(contact.path("wa_id").asText(), contact.path("profile").path("name").asText(null));
        }
        for (JsonNode m : value.path("messages")) {
            received(tx, business, m, names.get(m.path("from").asText()));
        }
        for (JsonNode s : value.path("statuses")) {
            status(tx, s);
        }
    }

    private void received(Tx tx, String business, JsonNode m, String profileName) {
        String wamid = m.path("id").asText("");
        if (wamid.isEmpty() || tx.messages().findByProviderId(channel, wamid).isPresent()) {
            return;
        }
        String type = m.path("type").asText();
        String body;
        List<String> media = new ArrayList<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        String repliedTo = m.path("context").path("id").asText("");
        if (!repliedTo.isEmpty()) {
            // Twilio names the message replied to by its SID and sender, when it knows it.
            tx.messages().findByProviderId(channel, repliedTo).ifPresent(original -> {
                parameters.put("OriginalRepliedMessageSender", original.from());
                parameters.put("OriginalRepliedMessageSid", original.sid());
            });
        }
        switch (type) {
            case "text" -> body = m.path("text").path("body").asText("");
            case "image", "video", "audio", "document", "sticker" -> {
                JsonNode medium = m.path(type);
                body = medium.path("caption").asText("");
                media.add(settings.graphBaseUrl() + "/" + medium.path("id").asText() + "?phone_number_id="
                        + settings.phoneNumberId());
            }
            case "button" -> {
                body = m.path("button").path("text").asText("");
                parameters.put("ButtonText", body);
                parameters.put("ButtonPayload", m.path("button").path("payload").asText(""));
            }
            case "interactive" -> {
                JsonNode reply = m.path("interactive").path("button_reply");
                reply = reply.isMissingNode() ? m.path("interactive").path("list_reply") : reply;
                body = reply.path("title").asText("");
                parameters.put("ButtonText", body);
                parameters.put("ButtonPayload", reply.path("id").asText(""));
            }
            default -> {
                // A reaction, a location, contacts, an unsupported message: Twilio's incoming-message webhook has
                // no parameters for them, so they are not made into messages here either.
                log.info("{}: a received {} message ({}) is not something Parley stores; skipped", channel, type,
                        wamid);
                return;
            }
        }
        InboundMessage in = new InboundMessage(channel, "whatsapp:+" + m.path("from").asText(), business, body,
                media, profileName, List.of(), wamid, parameters);
        Optional<String> boundTo = ChannelAddress.parse(business).flatMap(a -> tx.numbers().findByNumber(a.number()))
                .filter(n -> n.serves(ChannelAddress.Kind.WHATSAPP))
                .map(n -> n.channelFor(ChannelAddress.Kind.WHATSAPP));
        if (!boundTo.equals(Optional.of(channel))) {
            // Only the channel a number is bound to speaks for it: another connection's webhook changes nothing there.
            log.warn("{}: received message {} for {} not stored: that number's WhatsApp channel is {}", channel, wamid,
                    business, boundTo.orElse("none"));
            return;
        }
        try {
            parts.inbound().receiveIn(tx, null, in);
        } catch (ApiException e) {
            // Refused before anything was written; retrying will not change it.
            log.warn("{}: received message {} from {} not stored: {} {}", channel, wamid, in.from(), e.code(),
                    e.getMessage());
        }
    }

    private void status(Tx tx, JsonNode s) {
        Optional<Message> message = tx.messages().findByProviderId(channel, s.path("id").asText(""));
        if (message.isEmpty()) {
            return;
        }
        Message m = message.get();
        Instant at = Instant.ofEpochSecond(s.path("timestamp").asLong(parts.clock().instant().getEpochSecond()));
        Instant now = parts.clock().instant();
        switch (s.path("status").asText()) {
            case "delivered" -> receipt(tx, m, MessageStatus.DELIVERED, null, at, now);
            case "read" -> {
                receipt(tx, m, MessageStatus.DELIVERED, null, at, now);
                receipt(tx, m, MessageStatus.READ, null, at, now);
            }
            case "failed" -> {
                int meta = s.path("errors").path(0).path("code").asInt(-1);
                receipt(tx, m, MessageStatus.FAILED, CloudApiErrors.twilioCode(meta), at, now);
            }
            default -> {
                // "sent" is what the send's answer already said; anything else is not a status Twilio has.
            }
        }
    }

    private void receipt(Tx tx, Message m, MessageStatus status, Integer code, Instant at, Instant now) {
        parts.receipts().enqueue(tx, new ReceiptSink.Receipt(m.accountSid(), m.sid(), status, code, at, now));
    }

    /** Twilio's word for Meta's template status (an event of the webhook, or the status a submission answers). */
    static String templateStatus(String meta) {
        return switch (meta.toUpperCase(Locale.ROOT)) {
            case "APPROVED", "REINSTATED" -> "approved";
            case "REJECTED" -> "rejected";
            case "PAUSED" -> "paused";
            case "DISABLED", "DELETED", "PENDING_DELETION" -> "disabled";
            case "PENDING", "IN_APPEAL" -> "pending";
            default -> null;
        };
    }

    private record TemplateUpdate(String templateId, String name, String language, String status, String reason) {
        static TemplateUpdate of(JsonNode value) {
            String reason = value.path("reason").asText("");
            return new TemplateUpdate(value.path("message_template_id").asText(),
                    value.path("message_template_name").asText(), value.path("message_template_language").asText(),
                    templateStatus(value.path("event").asText("")), reason.equals("NONE") ? "" : reason);
        }
    }
}
