package dev.parley.core.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    /** The payload, written field by field: one is written in the change's transaction for every callback. */
    public String toJson() {
        StringWriter out = new StringWriter(256 + 48 * params.size());
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("url", url);
            g.writeStringField("method", method);
            g.writeObjectFieldStart("params");
            for (Map.Entry<String, List<String>> p : params.entrySet()) {
                g.writeArrayFieldStart(p.getKey());
                for (String value : p.getValue()) {
                    g.writeString(value);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeStringField("purpose", purpose);
            g.writeStringField("messageSid", messageSid);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static WebhookJob fromJson(String json) {
        try {
            return JSON.readValue(json, WebhookJob.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad webhook job payload", e);
        }
    }
}
