package dev.parley.core.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The payload of a {@code webhook} job: a request to make, frozen at the moment the event happened.
 * {@code purpose} names the event (status-callback, …) in the delivery log.
 */
public record WebhookJob(String url, String method, Map<String, List<String>> params, String purpose,
        String messageSid) {
    public static final String KIND = "webhook";
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static WebhookJob fromJson(String json) {
        try {
            return JSON.readValue(json, WebhookJob.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad webhook job payload", e);
        }
    }
}
