package dev.parley.core.content;

import java.util.Optional;

/**
 * What a channel reads of the Content API when it sends a message created from a template
 * ({@link dev.parley.core.message.Message#content()}): the content, and its WhatsApp approval (the template's name and
 * language a WhatsApp channel sends). Reads the store; no transaction of the caller's is needed.
 */
public interface ContentDirectory {

    Optional<Content> find(String accountSid, String contentSid);

    Optional<WhatsAppApproval> whatsAppApproval(String accountSid, String contentSid);
}
