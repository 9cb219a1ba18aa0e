package dev.parley.core.webhook;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;

/** The webhook delivery log. */
public interface WebhookLogStore {

    void insert(WebhookDelivery delivery);

    /** Newest first; {@code messageSid} and {@code outcome} filter when not null. */
    Page<WebhookDelivery> list(String accountSid, String messageSid, String outcome, PageRequest page);
}
