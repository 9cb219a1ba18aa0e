package dev.parley.server;

import dev.parley.core.content.Content;
import dev.parley.core.content.ContentDirectory;
import dev.parley.core.content.TemplateStatusSink;
import dev.parley.core.content.WhatsAppApproval;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Content API's ports as a WhatsApp channel sees them while no content store is wired: no content is found (a
 * message created from one fails with 63027 on a Cloud API channel), and a template status Meta reports is logged.
 * Replaced by the Content API's own implementation where it is wired.
 */
final class ContentPorts implements ContentDirectory, TemplateStatusSink {
    static final ContentPorts NONE = new ContentPorts();
    private static final Logger log = LoggerFactory.getLogger(ContentPorts.class);

    private ContentPorts() {
    }

    @Override
    public Optional<Content> find(String accountSid, String contentSid) {
        return Optional.empty();
    }

    @Override
    public Optional<WhatsAppApproval> whatsAppApproval(String accountSid, String contentSid) {
        return Optional.empty();
    }

    @Override
    public void update(String channel, String templateId, String name, String language, String status,
            String reason) {
        log.info("{}: template {} ({} {}) is {} {}", channel, templateId, name, language, status, reason);
    }
}
