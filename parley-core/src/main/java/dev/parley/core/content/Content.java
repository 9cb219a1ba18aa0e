package dev.parley.core.content;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A Content API template ({@code HX…}), as Twilio's Content v1 stores it: a name, a language, default values for its
 * {@code {{1}}}-style placeholders, and one representation per content type ({@code twilio/text},
 * {@code twilio/media}, {@code twilio/quick-reply}, {@code twilio/call-to-action}, {@code twilio/card},
 * {@code whatsapp/card}, {@code whatsapp/authentication}), each a JSON object shaped as the OpenAPI description's
 * {@code types} schema. {@code types} is never changed after construction (callers must not mutate it).
 */
public record Content(String sid, String accountSid, String friendlyName, String language,
        Map<String, String> variables, ObjectNode types, Instant dateCreated, Instant dateUpdated) {
    public Content {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(accountSid, "accountSid");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        Objects.requireNonNull(types, "types");
    }
}
