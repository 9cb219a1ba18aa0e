package dev.parley.core.message;

import dev.parley.core.tx.Tx;
import java.util.List;

/**
 * How {@link MessageService} turns a message's Content API template ({@code ContentSid} and {@code ContentVariables})
 * into what it stores and sends: the body and media the template renders to. Implemented by the Content API
 * ({@code content.ContentTemplates}); messaging itself knows no template. Called inside the caller's transaction,
 * before anything is written; every refusal is an {@link dev.parley.core.error.ApiException} with Twilio's code.
 */
public interface MessageTemplates {

    /** Refuses every template: for a messaging stack built without the Content API (some channel tests). */
    MessageTemplates NONE = (tx, accountSid, content, whatsApp) -> {
        throw dev.parley.core.error.ApiException.badRequest(21655, "The ContentSid is Invalid.");
    };

    /**
     * The template rendered for one message.
     *
     * @param whatsApp whether the message goes to a {@code whatsapp:} address: the template must then be approved
     *                 for WhatsApp (a WhatsApp channel sends the approved template itself)
     */
    Rendered render(Tx tx, String accountSid, MessageContent content, boolean whatsApp);

    /** The body and media URLs a message created from a template carries. */
    record Rendered(String body, List<String> mediaUrls) {
        public Rendered {
            mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
        }
    }
}
