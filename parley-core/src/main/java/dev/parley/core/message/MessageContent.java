package dev.parley.core.message;

import java.util.Map;
import java.util.Objects;

/**
 * The Content API template a message was created from: Twilio's {@code ContentSid} and the {@code ContentVariables}
 * given with it (each placeholder's key, such as {@code "1"}, and its value). The message's {@code body} is the
 * content rendered with them; a WhatsApp channel sends the template itself.
 */
public record MessageContent(String contentSid, Map<String, String> variables) {
    public MessageContent {
        Objects.requireNonNull(contentSid, "contentSid");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
