package dev.parley.core.content;

/**
 * Where a WhatsApp channel reports a template's status as its provider decides it (Meta's
 * {@code message_template_status_update} webhook): the approval of every content submitted through that channel as
 * that template moves to {@code status}. A repeated or stale report changes nothing.
 */
public interface TemplateStatusSink {

    /**
     * @param channel    the reporting channel ({@code whatsapp:<Name>})
     * @param templateId the provider's template id
     * @param name       the template's name
     * @param language   its language ({@code en_US})
     * @param status     Twilio's word for it: {@code approved}, {@code rejected}, {@code paused}, {@code disabled},
     *                   {@code pending}
     * @param reason     the provider's reason, or empty
     */
    void update(String channel, String templateId, String name, String language, String status, String reason);
}
