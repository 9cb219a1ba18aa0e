package dev.parley.core.conversation.hook;

import java.util.List;
import java.util.Optional;

/** Persistence of conversation-scoped webhooks, scoped by account. Every method runs inside the caller's transaction. */
public interface ScopedWebhookStore {

    void insert(ScopedWebhook webhook);

    void update(ScopedWebhook webhook);

    Optional<ScopedWebhook> find(String accountSid, String conversationSid, String sid);

    /** The conversation's webhooks, oldest first (there are at most five). */
    List<ScopedWebhook> list(String accountSid, String conversationSid);

    boolean delete(String accountSid, String conversationSid, String sid);
}
