package dev.parley.core.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload of a {@code webhook} job: a request to make, frozen at the moment the event happened.
 * {@code purpose} names the event (status-callback, …) in the delivery log.
 *
 * <p>{@code then} is the request of the next event when one transaction stored both (a message that went
 * {@code sending} and {@code sent} at once): one job delivers them in order. {@code token} is the request's
 * {@code I-Twilio-Idempotency-Token} when it is not the job's id (every request after a chain's first).
 */
public record WebhookJob(String url, String method, Map<String, List<String>> params, String purpose,
        String messageSid, String token, WebhookJob then) {
    public static final String KIND = "webhook";
    private static final ObjectMapper JSON = new ObjectMapper();

    public WebhookJob(String url, String method, Map<String, List<String>> params, String purpose,
            String messageSid) {
        this(url, method, params, purpose, messageSid, null, null);
    }

    /**
     * One job's payload for {@code hooks}, delivered in their order; {@code jobId} is the job's id, from which the
     * requests after the first take their idempotency tokens.
     */
    public static WebhookJob chain(String jobId, List<WebhookJob> hooks) {
        WebhookJob next = null;
        for (int i = hooks.size() - 1; i >= 0; i--) {
            WebhookJob h = hooks.get(i);
            next = new WebhookJob(h.url, h.method, h.params, h.purpose, h.messageSid, i == 0 ? null : jobId + "." + i,
                    next);
        }
        return next;
    }

    /** The payload, written field by field: one is written in the change's transaction for every callback. */
    public String toJson() {
        StringWriter out = new StringWriter(256 + 48 * params.size());
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void write(JsonGenerator g) throws IOException {
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
        if (token != null) {
            g.writeStringField("token", token);
        }
        if (then != null) {
            g.writeFieldName("then");
            then.write(g);
        }
        g.writeEndObject();
    }

    /** The payload {@link #toJson} wrote, read token by token: one is read for every webhook job that runs. */
    public static WebhookJob fromJson(String json) {
        try (JsonParser p = JSON.getFactory().createParser(json)) {
            p.nextToken();
            return read(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad webhook job payload", e);
        }
    }

    private static WebhookJob read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "a webhook job is an object");
        }
        String url = null;
        String method = null;
        Map<String, List<String>> params = null;
        String purpose = null;
        String messageSid = null;
        String token = null;
        WebhookJob then = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "url" -> url = p.getValueAsString();
                case "method" -> method = p.getValueAsString();
                case "params" -> params = value == JsonToken.VALUE_NULL ? null : readParams(p);
                case "purpose" -> purpose = p.getValueAsString();
                case "messageSid" -> messageSid = p.getValueAsString();
                case "token" -> token = p.getValueAsString();
                case "then" -> then = value == JsonToken.VALUE_NULL ? null : read(p);
                default -> p.skipChildren();
            }
        }
        return new WebhookJob(url, method, params, purpose, messageSid, token, then);
    }

    private static Map<String, List<String>> readParams(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "a webhook job's params are an object");
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(p, "the values of param " + name + " are an array");
            }
            List<String> values = new ArrayList<>(1);
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null || t.isStructStart()) {
                    throw new JsonParseException(p, "the values of param " + name + " are strings");
                }
                values.add(p.getValueAsString());
            }
            params.put(name, values);
        }
        return params;
    }
}
