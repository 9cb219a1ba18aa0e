package dev.parley.http.chat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Reading a client's frame: one JSON object, strictly (no duplicate keys, no trailing tokens, shallow nesting). */
final class ChatJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private ChatJson() {
    }

    /** The frame as a JSON object, or null when it is not one. */
    static ObjectNode object(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A frame the protocol cannot read: an {@code error} frame with code 20001. */
    static final class BadFrame extends RuntimeException {
        BadFrame(String message) {
            super(message, null, false, false);
        }
    }

    static String requiredText(ObjectNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new BadFrame(field + " is required (a non-empty string)");
        }
        return value.textValue();
    }

    static String optionalText(ObjectNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadFrame(field + " must be a string");
        }
        return value.textValue();
    }

    static long requiredIndex(ObjectNode frame, String field) {
        Long index = optionalIndex(frame, field);
        if (index == null) {
            throw new BadFrame(field + " is required (a message index, >= 0)");
        }
        return index;
    }

    static Long optionalIndex(ObjectNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new BadFrame(field + " must be a message index (an integer >= 0)");
        }
        return value.asLong();
    }

    /** What a client sent, short enough to quote back. */
    static String shortText(JsonNode value) {
        String text = value.toString();
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }
}
