package dev.parley.store;

import dev.parley.core.account.AccountStore;
import dev.parley.core.billing.UsageStore;
import dev.parley.core.conversation.ChatServiceStore;
import dev.parley.core.conversation.ConversationConfigStore;
import dev.parley.core.conversation.ConversationMediaStore;
import dev.parley.core.conversation.ScopedWebhookStore;
import dev.parley.core.conversation.ConversationMessageStore;
import dev.parley.core.conversation.ConversationReceiptStore;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.RoleStore;
import dev.parley.core.conversation.UserStore;
import dev.parley.core.media.MediaStore;
import dev.parley.core.message.MessageStore;
import dev.parley.core.message.OptOutStore;
import dev.parley.core.number.NumberStore;
import dev.parley.core.queue.JobStore;
import dev.parley.core.service.MessagingServiceStore;
import dev.parley.core.simulator.HandsetStore;
import dev.parley.core.store.Tx;
import dev.parley.core.throughput.SenderQueueStore;
import dev.parley.core.webhook.WebhookLogStore;

/** The stores bound to one connection's current transaction. Remembers whether a job was enqueued through it. */
final class SqlTx implements Tx {
    private final Jdbc jdbc;
    private boolean jobsEnqueued;
    private SqlMessageStore messages;
    private SqlJobStore jobs;

    SqlTx(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    boolean jobsEnqueued() {
        return jobsEnqueued;
    }

    @Override
    public AccountStore accounts() {
        return new SqlAccountStore(jdbc);
    }

    @Override
    public NumberStore numbers() {
        return new SqlNumberStore(jdbc);
    }

    @Override
    public MessageStore messages() {
        SqlMessageStore store = messages;
        if (store == null) {
            store = new SqlMessageStore(jdbc);
            messages = store;
        }
        return store;
    }

    @Override
    public OptOutStore optOuts() {
        return new SqlOptOutStore(jdbc);
    }

    @Override
    public JobStore jobs() {
        SqlJobStore store = jobs;
        if (store == null) {
            store = new SqlJobStore(jdbc, () -> jobsEnqueued = true);
            jobs = store;
        }
        return store;
    }

    @Override
    public WebhookLogStore webhookLog() {
        return new SqlWebhookLogStore(jdbc);
    }

    @Override
    public HandsetStore handsets() {
        return new SqlHandsetStore(jdbc);
    }

    @Override
    public MessagingServiceStore messagingServices() {
        return new SqlMessagingServiceStore(jdbc);
    }

    @Override
    public UsageStore usage() {
        return new SqlUsageStore(jdbc);
    }

    @Override
    public MediaStore media() {
        return new SqlMediaStore(jdbc);
    }

    @Override
    public SenderQueueStore senderQueues() {
        return new SqlSenderQueueStore(jdbc);
    }

    @Override
    public ChatServiceStore chatServices() {
        return new SqlChatServiceStore(jdbc);
    }

    @Override
    public ConversationStore conversations() {
        return new SqlConversationStore(jdbc);
    }

    @Override
    public ConversationMessageStore conversationMessages() {
        return new SqlConversationMessageStore(jdbc);
    }

    @Override
    public UserStore users() {
        return new SqlUserStore(jdbc);
    }

    @Override
    public RoleStore roles() {
        return new SqlRoleStore(jdbc);
    }

    @Override
    public ConversationReceiptStore conversationReceipts() {
        return new SqlConversationReceiptStore(jdbc);
    }

    @Override
    public ConversationConfigStore conversationConfig() {
        return new SqlConversationConfigStore(jdbc);
    }

    @Override
    public ScopedWebhookStore scopedWebhooks() {
        return new SqlScopedWebhookStore(jdbc);
    }

    @Override
    public ConversationMediaStore conversationMedia() {
        return new SqlConversationMediaStore(jdbc);
    }
}
