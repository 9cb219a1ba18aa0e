package dev.parley.core.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.error.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twilio's {@code ContentVariables} parameter: a JSON object of placeholder keys and their values, as text (a number
 * or boolean value is taken as its text). Anything else, a null or an empty value, is Twilio's 21656.
 */
public final class ContentVariables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContentVariables() {
    }

    /** The variables of a {@code ContentVariables} parameter; an absent or blank one is none. */
    public static Map<String, String> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("it is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw invalid("it is not a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
                throw invalid("the value of \"" + e.getKey() + "\" is null, empty or not text");
            }
            values.put(e.getKey(), v.asText());
        }
        return values;
    }

    static ApiException invalid(String why) {
        return ApiException.badRequest(21656, "The ContentVariables Parameter is invalid: " + why + ".");
    }
}
