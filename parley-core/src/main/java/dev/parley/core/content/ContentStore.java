package dev.parley.core.content;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of Content API templates and their WhatsApp approvals; always scoped by account, except the look-ups a
 * provider's template-status report makes (it names a channel and its own template id). Every method runs inside the
 * caller's transaction.
 */
public interface ContentStore {

    void insert(Content content);

    Optional<Content> find(String accountSid, String sid);

    /** Newest first. */
    Page<Content> list(String accountSid, PageRequest page);

    /** Deletes the content with its approvals; false when there was none. */
    boolean delete(String accountSid, String sid);

    /** Inserts the approval of a content through one channel, or replaces the one that channel had. */
    void putApproval(WhatsAppApproval approval);

    /** The content's approvals, one per channel it was submitted through, oldest first. */
    List<WhatsAppApproval> approvals(String accountSid, String contentSid);

    /** The approvals of several contents of one account (a page of {@code ContentAndApprovals}), in no order. */
    List<WhatsAppApproval> approvals(String accountSid, Collection<String> contentSids);

    /** The approvals a channel's provider knows as {@code templateId}, whichever account they belong to. */
    List<WhatsAppApproval> approvalsByTemplate(String channel, String templateId);

    /** The approvals submitted through a channel under a template name, whichever account they belong to. */
    List<WhatsAppApproval> approvalsByName(String channel, String name);
}
