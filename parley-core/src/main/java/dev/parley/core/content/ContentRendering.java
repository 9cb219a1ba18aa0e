package dev.parley.core.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.message.MessageTemplates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A content rendered as plain text (and media URLs) for a channel that shows text: SMS and MMS, web chat, and the
 * body a WhatsApp message carries beside its template. For SMS it prefers {@code twilio/text}, then
 * {@code twilio/media} (Twilio's fallback types for SMS and MMS); for richer channels the richest type present.
 * Buttons become lines under the body ({@code - Title: https://…}), so a handset that cannot tap them still reads
 * them. {@code whatsapp/authentication} renders as WhatsApp's fixed one-time-code text with the code in {@code {{1}}}.
 */
public final class ContentRendering {
    private static final List<String> RICH_FIRST = List.of(ContentTypes.QUICK_REPLY, ContentTypes.CALL_TO_ACTION,
            ContentTypes.WHATSAPP_CARD, ContentTypes.CARD, ContentTypes.WHATSAPP_AUTHENTICATION, ContentTypes.MEDIA,
            ContentTypes.TEXT);

    private ContentRendering() {
    }

    /**
     * The content with {@code given} variables (over the content's defaults), as text.
     *
     * @param rich whether the channel shows more than SMS (WhatsApp, chat): it then gets the richest type
     * @throws dev.parley.core.error.ApiException 21656 when a placeholder of the chosen type has no value
     */
    public static MessageTemplates.Rendered render(Content content, Map<String, String> given, boolean rich) {
        String type = chosenType(content, rich);
        JsonNode t = content.types().get(type);
        Map<String, String> values = new HashMap<>(content.variables());
        values.putAll(given);
        for (String key : ContentTypes.check(content.types().deepCopy().retain(type))) {
            if (values.get(key) == null || values.get(key).isBlank()) {
                throw ContentVariables.invalid("the placeholder {{" + key + "}} of " + type + " has no value");
            }
        }
        List<String> lines = new ArrayList<>();
        List<String> media = new ArrayList<>();
        switch (type) {
            case ContentTypes.WHATSAPP_AUTHENTICATION -> {
                String text = values.get("1") + " is your verification code.";
                if (t.path("add_security_recommendation").asBoolean(false)) {
                    text += " For your security, do not share this code.";
                }
                lines.add(text);
                if (t.has("code_expiration_minutes")) {
                    lines.add("This code expires in " + t.get("code_expiration_minutes").asText() + " minutes.");
                }
            }
            case ContentTypes.CARD -> {
                add(lines, t, "title", values);
                add(lines, t, "subtitle", values);
            }
            case ContentTypes.WHATSAPP_CARD -> {
                add(lines, t, "header_text", values);
                add(lines, t, "body", values);
                add(lines, t, "footer", values);
            }
            default -> add(lines, t, "body", values);
        }
        if (!type.equals(ContentTypes.WHATSAPP_AUTHENTICATION)) {
            for (JsonNode action : t.path("actions")) {
                lines.add(action(action, values));
            }
        }
        for (JsonNode url : t.path("media")) {
            media.add(ContentTypes.fill(url.asText(), values));
        }
        return new MessageTemplates.Rendered(String.join("\n", lines), media);
    }

    /** The type {@link #render} uses. */
    static String chosenType(Content content, boolean rich) {
        List<String> order = rich ? RICH_FIRST : ContentTypes.SUPPORTED;
        for (String type : order) {
            if (content.types().has(type)) {
                return type;
            }
        }
        throw new IllegalStateException("content " + content.sid() + " has no type Parley serves");
    }

    private static void add(List<String> lines, JsonNode type, String field, Map<String, String> values) {
        if (type.hasNonNull(field) && !type.get(field).asText().isEmpty()) {
            lines.add(ContentTypes.fill(type.get(field).asText(), values));
        }
    }

    private static String action(JsonNode action, Map<String, String> values) {
        String title = ContentTypes.fill(action.path("title").asText(""), values);
        String target = action.hasNonNull("url") ? action.get("url").asText()
                : action.hasNonNull("phone") ? action.get("phone").asText()
                : action.hasNonNull("code") ? action.get("code").asText() : "";
        target = ContentTypes.fill(target, values);
        return "- " + (target.isEmpty() ? title : title.isEmpty() ? target : title + ": " + target);
    }
}
