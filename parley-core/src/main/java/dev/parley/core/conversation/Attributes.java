package dev.parley.core.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.error.ApiException;

/** The {@code Attributes} parameter of conversation resources: a JSON text, "{}" when not given. */
public final class Attributes {
    public static final String EMPTY = "{}";
    /** Twilio's code for an Attributes parameter that is not JSON. */
    static final int INVALID = 50006;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Attributes() {
    }

    /** {@code given} checked to be JSON, or {@code current} when not given. */
    public static String or(String given, String current) {
        if (given == null) {
            return current;
        }
        if (given.isBlank()) {
            return EMPTY;
        }
        try {
            JSON.readTree(given);
            return given;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(INVALID, "Attributes must be a valid JSON string: " + given);
        }
    }
}
