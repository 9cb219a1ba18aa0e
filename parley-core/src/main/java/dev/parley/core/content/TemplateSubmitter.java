package dev.parley.core.content;

/**
 * A channel that submits message templates to its provider for approval: a WhatsApp Cloud API connection, to its
 * business account's {@code message_templates}. The Content API's approval request calls it; the outcome arrives later
 * through {@link TemplateStatusSink}.
 */
public interface TemplateSubmitter {

    /**
     * Submits {@code content} as a template named {@code name} in {@code category} ({@code UTILITY}, {@code MARKETING},
     * {@code AUTHENTICATION}). Returns the provider's id and its first status (Twilio's words: {@code received},
     * {@code pending}, {@code approved}, {@code rejected}).
     *
     * @throws TemplateRefused when the provider refuses it at once (a name taken, a body it will not take)
     * @throws ProviderUnavailable when the provider could not be asked (unreachable, throttling, its own error): the
     *     request may be made again
     */
    Submitted submit(Content content, String name, String category);

    record Submitted(String templateId, String status) {
    }

    /** The provider refused the template: {@code reason} in its words. */
    final class TemplateRefused extends RuntimeException {
        public TemplateRefused(String reason) {
            super(reason);
        }
    }

    /** The provider could not be asked, or failed to answer: {@code reason} says how; nothing was decided. */
    final class ProviderUnavailable extends RuntimeException {
        public ProviderUnavailable(String reason) {
            super(reason);
        }
    }
}
