package dev.parley.core.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.error.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content types Parley serves and the shape each must have, as Twilio's Content v1 OpenAPI description states
 * them ({@code twilioText}, {@code twilioMedia}, … under {@code components.schemas}): the fields each type allows
 * (no others: every schema says {@code additionalProperties: false}), the required ones, the action types, and the
 * {@code {{…}}} placeholders in its strings. Every refusal is an {@link ApiException} with code 20001 naming the
 * field, thrown before anything is written.
 */
public final class ContentTypes {
    public static final String TEXT = "twilio/text";
    public static final String MEDIA = "twilio/media";
    public static final String QUICK_REPLY = "twilio/quick-reply";
    public static final String CALL_TO_ACTION = "twilio/call-to-action";
    public static final String CARD = "twilio/card";
    public static final String WHATSAPP_CARD = "whatsapp/card";
    public static final String WHATSAPP_AUTHENTICATION = "whatsapp/authentication";

    /** A placeholder: {@code {{1}}}, {@code {{first_name}}}; spaces inside the braces are allowed, as on Twilio. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    /** What is left of a string once its placeholders are cut out must hold no brace pair. */
    private static final Pattern BROKEN = Pattern.compile("\\{\\{|}}");
    private static final int MAX_BODY = 1600;
    private static final int MAX_ACTIONS = 10;

    /** One type's schema: its fields with their kinds, and the required ones. */
    private record Shape(Map<String, Kind> fields, Set<String> required, Set<String> actionTypes,
            Set<String> actionRequired) {
    }

    private enum Kind { STRING, STRINGS, ACTIONS, BOOLEAN, NUMBER }

    private static final Set<String> CARD_ACTIONS = Set.of("URL", "PHONE_NUMBER", "QUICK_REPLY", "COPY_CODE",
            "VOICE_CALL");
    private static final Map<String, Kind> ACTION_FIELDS = Map.of("type", Kind.STRING, "title", Kind.STRING,
            "url", Kind.STRING, "phone", Kind.STRING, "code", Kind.STRING, "id", Kind.STRING,
            "webview_size", Kind.STRING, "copy_code_text", Kind.STRING);

    private static final Map<String, Shape> SHAPES = Map.of(
            TEXT, new Shape(Map.of("body", Kind.STRING), Set.of("body"), Set.of(), Set.of()),
            MEDIA, new Shape(Map.of("body", Kind.STRING, "media", Kind.STRINGS), Set.of("media"), Set.of(), Set.of()),
            QUICK_REPLY, new Shape(Map.of("body", Kind.STRING, "actions", Kind.ACTIONS), Set.of("body", "actions"),
                    Set.of("QUICK_REPLY"), Set.of("title")),
            CALL_TO_ACTION, new Shape(Map.of("body", Kind.STRING, "actions", Kind.ACTIONS), Set.of("body", "actions"),
                    Set.of("URL", "PHONE_NUMBER", "COPY_CODE", "VOICE_CALL", "VOICE_CALL_REQUEST",
                            "REQUEST_CONTACT_INFO"), Set.of("type")),
            CARD, new Shape(Map.of("title", Kind.STRING, "subtitle", Kind.STRING, "media", Kind.STRINGS,
                    "actions", Kind.ACTIONS), Set.of("title"), CARD_ACTIONS, Set.of("type", "title")),
            WHATSAPP_CARD, new Shape(Map.of("body", Kind.STRING, "footer", Kind.STRING, "media", Kind.STRINGS,
                    "header_text", Kind.STRING, "actions", Kind.ACTIONS), Set.of("body"), CARD_ACTIONS,
                    Set.of("type", "title")),
            WHATSAPP_AUTHENTICATION, new Shape(Map.of("add_security_recommendation", Kind.BOOLEAN,
                    "code_expiration_minutes", Kind.NUMBER, "actions", Kind.ACTIONS), Set.of("actions"),
                    Set.of("COPY_CODE"), Set.of("type", "copy_code_text")));

    /** The type names Parley serves, in the order a text rendering prefers them. */
    public static final List<String> SUPPORTED = List.of(TEXT, MEDIA, QUICK_REPLY, CALL_TO_ACTION, CARD,
            WHATSAPP_CARD, WHATSAPP_AUTHENTICATION);

    private ContentTypes() {
    }

    /**
     * Checks a create request's {@code types} and {@code variables}, and returns the placeholder keys the types use.
     * A type Parley does not serve ({@code twilio/location}, {@code twilio/list-picker}, …) is refused by name.
     */
    public static Set<String> check(JsonNode types) {
        if (types == null || !types.isObject() || types.isEmpty()) {
            throw invalid("types must be an object with at least one content type (e.g. twilio/text)");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> type : types.properties()) {
            Shape shape = SHAPES.get(type.getKey());
            if (shape == null) {
                throw invalid("types." + type.getKey() + " is not a content type Parley serves (it serves "
                        + String.join(", ", SUPPORTED) + ")");
            }
            checkType(type.getKey(), shape, type.getValue(), keys);
        }
        return keys;
    }

    private static void checkType(String name, Shape shape, JsonNode value, Set<String> keys) {
        if (!value.isObject()) {
            throw invalid("types." + name + " must be an object");
        }
        for (String field : shape.required()) {
            if (!value.has(field) || value.get(field).isNull()) {
                throw invalid("types." + name + "." + field + " is required");
            }
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            Kind kind = shape.fields().get(field.getKey());
            String path = "types." + name + "." + field.getKey();
            if (kind == null) {
                throw invalid(path + " is not a field of " + name);
            }
            checkField(path, kind, field.getValue(), shape, keys);
        }
        if (name.equals(MEDIA) && value.get("media").isEmpty()) {
            throw invalid("types." + name + ".media must hold at least one URL");
        }
        if (name.equals(CARD) && value.size() < 2) {
            throw invalid("types." + name + " needs a title and at least one other field");
        }
    }

    private static void checkField(String path, Kind kind, JsonNode value, Shape shape, Set<String> keys) {
        switch (kind) {
            case STRING -> {
                if (!value.isTextual()) {
                    throw invalid(path + " must be a string");
                }
                if (value.asText().codePointCount(0, value.asText().length()) > MAX_BODY) {
                    throw invalid(path + " is longer than " + MAX_BODY + " characters");
                }
                keys.addAll(placeholders(path, value.asText()));
            }
            case STRINGS -> {
                if (!value.isArray()) {
                    throw invalid(path + " must be an array of strings");
                }
                for (int i = 0; i < value.size(); i++) {
                    checkField(path + "[" + i + "]", Kind.STRING, value.get(i), shape, keys);
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw invalid(path + " must be true or false");
                }
            }
            case NUMBER -> {
                if (!value.isNumber()) {
                    throw invalid(path + " must be a number");
                }
            }
            case ACTIONS -> checkActions(path, value, shape, keys);
        }
    }

    private static void checkActions(String path, JsonNode actions, Shape shape, Set<String> keys) {
        if (!actions.isArray() || actions.isEmpty()) {
            throw invalid(path + " must be an array of at least one action");
        }
        if (actions.size() > MAX_ACTIONS) {
            throw invalid(path + " holds " + actions.size() + " actions; at most " + MAX_ACTIONS);
        }
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String at = path + "[" + i + "]";
            if (!action.isObject()) {
                throw invalid(at + " must be an object");
            }
            for (String field : shape.actionRequired()) {
                if (!action.hasNonNull(field)) {
                    throw invalid(at + "." + field + " is required");
                }
            }
            for (Map.Entry<String, JsonNode> field : action.properties()) {
                if (!ACTION_FIELDS.containsKey(field.getKey())) {
                    throw invalid(at + "." + field.getKey() + " is not a field of an action");
                }
                checkField(at + "." + field.getKey(), Kind.STRING, field.getValue(), shape, keys);
            }
            String type = action.path("type").asText(shape.actionTypes().size() == 1
                    ? shape.actionTypes().iterator().next() : "");
            if (!shape.actionTypes().contains(type)) {
                throw invalid(at + ".type '" + type + "' is not one of " + shape.actionTypes());
            }
        }
    }

    /** The placeholder keys of one string, in order; a malformed one ({@code {{}}}, {@code {{1}}) is refused. */
    static List<String> placeholders(String path, String text) {
        List<String> found = new java.util.ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            found.add(m.group(1));
            rest.append(text, last, m.start());
            last = m.end();
        }
        rest.append(text.substring(last));
        if (BROKEN.matcher(rest).find()) {
            throw invalid(path + " holds a malformed placeholder (write {{1}} or {{name}})");
        }
        return found;
    }

    /** {@code text} with each placeholder replaced by {@code values.get(key)} (every key must be there). */
    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(20001, "Invalid content: " + message);
    }
}
