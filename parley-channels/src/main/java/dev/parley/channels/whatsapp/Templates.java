package dev.parley.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.content.Content;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Content API template as a WhatsApp message template: the components Meta is asked to approve
 * ({@link #submission}), and the parameters a send fills them with ({@link #components}). The content's WhatsApp
 * representation is the first of {@code whatsapp/authentication}, {@code whatsapp/card}, {@code twilio/card},
 * {@code twilio/call-to-action}, {@code twilio/quick-reply}, {@code twilio/media}, {@code twilio/text} it has. Its
 * body (a card's title) is the template's body, {@code {{n}}} placeholders included; a medium is an image, video or
 * document header; a card's subtitle or footer the footer; quick replies, URL and phone actions the buttons.
 */
final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private static final List<String> ORDER = List.of("whatsapp/authentication", "whatsapp/card", "twilio/card",
            "twilio/call-to-action", "twilio/quick-reply", "twilio/media", "twilio/text");

    private Templates() {
    }

    /** The content's type and representation a WhatsApp template is made of; empty when it has none of them. */
    static Optional<Map.Entry<String, JsonNode>> representation(Content content) {
        for (String type : ORDER) {
            JsonNode node = content.types().get(type);
            if (node != null && node.isObject()) {
                return Optional.of(Map.entry(type, node));
            }
        }
        return Optional.empty();
    }

    /** The body of a {@code POST <waba>/message_templates} for {@code content} as {@code name} in {@code category}. */
    static ObjectNode submission(Content content, String name, String category) {
        Map.Entry<String, JsonNode> rep = representation(content).orElseThrow(() -> new IllegalArgumentException(
                "content " + content.sid() + " has no type a WhatsApp template can be made of"));
        JsonNode node = rep.getValue();
        ObjectNode body = GraphApi.JSON.createObjectNode();
        body.put("name", name);
        body.put("language", language(content));
        body.put("category", category.toUpperCase(Locale.ROOT));
        ArrayNode components = body.putArray("components");
        if (rep.getKey().equals("whatsapp/authentication")) {
            ObjectNode b = components.addObject().put("type", "BODY");
            b.put("add_security_recommendation", node.path("add_security_recommendation").asBoolean(false));
            if (node.hasNonNull("code_expiration_minutes")) {
                components.addObject().put("type", "FOOTER")
                        .put("code_expiration_minutes", node.path("code_expiration_minutes").asInt());
            }
            ArrayNode buttons = components.addObject().put("type", "BUTTONS").putArray("buttons");
            ObjectNode otp = buttons.addObject().put("type", "OTP").put("otp_type", "COPY_CODE");
            JsonNode copy = node.path("actions").path(0).path("copy_code_text");
            otp.put("text", copy.isMissingNode() ? "Copy code" : copy.asText());
            return body;
        }
        String mediaUrl = media(node);
        if (node.hasNonNull("header_text")) {
            ObjectNode header = components.addObject().put("type", "HEADER").put("format", "TEXT");
            header.put("text", node.path("header_text").asText());
            addExample(header, "header_text", node.path("header_text").asText(), content, false);
        } else if (mediaUrl != null) {
            ObjectNode header = components.addObject().put("type", "HEADER").put("format", mediaFormat(mediaUrl));
            header.putObject("example").putArray("header_handle").add(mediaUrl);
        }
        String text = bodyText(rep.getKey(), node);
        ObjectNode bodyComponent = components.addObject().put("type", "BODY").put("text", text);
        addExample(bodyComponent, "body_text", text, content, true);
        String footer = node.hasNonNull("footer") ? node.path("footer").asText()
                : rep.getKey().equals("twilio/card") && node.hasNonNull("subtitle") ? node.path("subtitle").asText()
                : null;
        if (footer != null && !footer.isEmpty()) {
            components.addObject().put("type", "FOOTER").put("text", footer);
        }
        ArrayNode actions = actions(node);
        if (!actions.isEmpty()) {
            ArrayNode buttons = components.addObject().put("type", "BUTTONS").putArray("buttons");
            for (JsonNode action : actions) {
                String type = action.path("type").asText("QUICK_REPLY").toUpperCase(Locale.ROOT);
                ObjectNode button = buttons.addObject();
                button.put("text", action.path("title").asText());
                switch (type) {
                    case "URL" -> {
                        String url = action.path("url").asText();
                        button.put("type", "URL").put("url", url);
                        if (PLACEHOLDER.matcher(url).find()) {
                            button.putArray("example").add(substitute(url, defaults(content)));
                        }
                    }
                    case "PHONE_NUMBER", "PHONE" -> button.put("type", "PHONE_NUMBER")
                            .put("phone_number", action.path("phone").asText());
                    default -> button.put("type", "QUICK_REPLY");
                }
            }
        }
        return body;
    }

    /**
     * The {@code components} of a template send: the placeholders of the header, the body and the buttons filled
     * from {@code variables} (the message's, over the content's defaults).
     */
    static ArrayNode components(Content content, Map<String, String> messageVariables) {
        Map<String, String> values = defaults(content);
        values.putAll(messageVariables);
        ArrayNode components = GraphApi.JSON.createArrayNode();
        Map.Entry<String, JsonNode> rep = representation(content).orElse(null);
        if (rep == null) {
            return components;
        }
        JsonNode node = rep.getValue();
        if (rep.getKey().equals("whatsapp/authentication")) {
            String code = values.getOrDefault("1", "");
            components.addObject().put("type", "body").putArray("parameters").addObject().put("type", "text")
                    .put("text", code);
            ObjectNode button = components.addObject().put("type", "button").put("sub_type", "url").put("index", "0");
            button.putArray("parameters").addObject().put("type", "text").put("text", code);
            return components;
        }
        String mediaUrl = media(node);
        if (node.hasNonNull("header_text")) {
            addTextParameters(components, "header", node.path("header_text").asText(), values);
        } else if (mediaUrl != null) {
            String format = mediaFormat(mediaUrl).toLowerCase(Locale.ROOT);
            ObjectNode parameter = components.addObject().put("type", "header").putArray("parameters").addObject();
            parameter.put("type", format).putObject(format).put("link", substitute(mediaUrl, values));
        }
        addTextParameters(components, "body", bodyText(rep.getKey(), node), values);
        ArrayNode actions = actions(node);
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String type = action.path("type").asText("QUICK_REPLY").toUpperCase(Locale.ROOT);
            if (type.equals("URL")) {
                List<String> keys = placeholders(action.path("url").asText());
                if (!keys.isEmpty()) {
                    ObjectNode button = components.addObject().put("type", "button").put("sub_type", "url")
                            .put("index", String.valueOf(i));
                    button.putArray("parameters").addObject().put("type", "text")
                            .put("text", values.getOrDefault(keys.getFirst(), ""));
                }
            } else if (!type.startsWith("PHONE") && action.hasNonNull("id")) {
                ObjectNode button = components.addObject().put("type", "button").put("sub_type", "quick_reply")
                        .put("index", String.valueOf(i));
                button.putArray("parameters").addObject().put("type", "payload")
                        .put("payload", substitute(action.path("id").asText(), values));
            }
        }
        return components;
    }

    /** Meta's language code for the content's ({@code en}, {@code en_US}; Twilio writes {@code en-US} too). */
    static String language(Content content) {
        return content.language() == null || content.language().isBlank() ? "en"
                : content.language().replace('-', '_');
    }

    private static void addTextParameters(ArrayNode components, String type, String text, Map<String, String> values) {
        List<String> keys = placeholders(text);
        if (keys.isEmpty()) {
            return;
        }
        ArrayNode parameters = components.addObject().put("type", type).putArray("parameters");
        keys.forEach(key -> parameters.addObject().put("type", "text").put("text", values.getOrDefault(key, "")));
    }

    private static void addExample(ObjectNode component, String field, String text, Content content, boolean nested) {
        List<String> keys = placeholders(text);
        if (keys.isEmpty()) {
            return;
        }
        Map<String, String> values = defaults(content);
        ArrayNode example = component.putObject("example").putArray(field);
        ArrayNode row = nested ? example.addArray() : example;
        keys.forEach(key -> row.add(values.getOrDefault(key, key)));
    }

    private static Map<String, String> defaults(Content content) {
        return new HashMap<>(content.variables());
    }

    /** The placeholders' names in order of first appearance. */
    static List<String> placeholders(String text) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return new ArrayList<>(keys);
    }

    static String substitute(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String bodyText(String type, JsonNode node) {
        if (type.equals("twilio/card")) {
            return node.path("title").asText("");
        }
        return node.path("body").asText("");
    }

    private static String media(JsonNode node) {
        JsonNode media = node.path("media");
        if (media.isArray() && !media.isEmpty()) {
            return media.get(0).asText();
        }
        return media.isTextual() ? media.asText() : null;
    }

    private static ArrayNode actions(JsonNode node) {
        JsonNode actions = node.path("actions");
        return actions.isArray() ? (ArrayNode) actions : GraphApi.JSON.createArrayNode();
    }

    /** {@code IMAGE}, {@code VIDEO} or {@code DOCUMENT}, from the medium's file extension. */
    private static String mediaFormat(String url) {
        String path = url.toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
        if (path.endsWith(".mp4") || path.endsWith(".3gp")) {
            return "VIDEO";
        }
        if (path.endsWith(".pdf") || path.endsWith(".doc") || path.endsWith(".docx") || path.endsWith(".xlsx")) {
            return "DOCUMENT";
        }
        return "IMAGE";
    }
}
