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
     * @param whatsApp whether the message goes to a {@code whatsapp:} address: rendered with its buttons as text
     */
    Rendered render(Tx tx, String accountSid, MessageContent content, boolean whatsApp);

    /**
     * Whether the content is a WhatsApp template approved now: such a message may open a conversation outside the
     * 24-hour window, and a WhatsApp channel sends it as the template. Any other content is a free-form message there,
     * sent as its rendered text inside the window, as on Twilio.
     */
    default boolean approvedForWhatsApp(Tx tx, String accountSid, String contentSid) {
        return false;
    }

    /** The body and media URLs a message created from a template carries. */
    record Rendered(String body, List<String> mediaUrls) {
        public Rendered {
            mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
        }
    }
}
