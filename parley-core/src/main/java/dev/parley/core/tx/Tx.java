package dev.parley.core.tx;

import dev.parley.core.account.AccountStore;
import dev.parley.core.billing.UsageStore;
import dev.parley.core.connection.ChannelConnectionStore;
import dev.parley.core.connection.SmppSegmentStore;
import dev.parley.core.content.ContentStore;
import dev.parley.core.conversation.ChatServiceStore;
import dev.parley.core.conversation.ConversationMessageStore;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.config.ConversationConfigStore;
import dev.parley.core.conversation.hook.ScopedWebhookStore;
import dev.parley.core.conversation.live.LiveEventStore;
import dev.parley.core.conversation.media.ConversationMediaStore;
import dev.parley.core.conversation.receipt.ConversationReceiptStore;
import dev.parley.core.conversation.user.RoleStore;
import dev.parley.core.conversation.user.UserStore;
import dev.parley.core.inbound.ConcatenationStore;
import dev.parley.core.media.MediaStore;
import dev.parley.core.message.MessageStore;
import dev.parley.core.message.OptOutStore;
import dev.parley.core.message.WhatsAppWindowStore;
import dev.parley.core.number.NumberStore;
import dev.parley.core.number.ShortCodeStore;
import dev.parley.core.queue.JobStore;
import dev.parley.core.service.MessagingServiceStore;
import dev.parley.core.service.ServiceSenderStore;
import dev.parley.core.simulator.HandsetInboxStore;
import dev.parley.core.simulator.HandsetStore;
import dev.parley.core.smsc.SmppCredentialStore;
import dev.parley.core.smsc.SmppSubmitStore;
import dev.parley.core.throughput.SenderQueueStore;
import dev.parley.core.webhook.WebhookLogStore;

/** The stores, bound to one transaction. Valid only inside the {@link Storage} call that handed it out. */
public interface Tx {

    AccountStore accounts();

    NumberStore numbers();

    MessageStore messages();

    OptOutStore optOuts();

    /** When each WhatsApp user last wrote to each WhatsApp sender: the 24-hour windows. */
    WhatsAppWindowStore whatsAppWindows();

    /** Parts of concatenated SMS waiting for their siblings. */
    ConcatenationStore concatParts();

    JobStore jobs();

    WebhookLogStore webhookLog();

    HandsetStore handsets();

    HandsetInboxStore handsetInbox();

    MessagingServiceStore messagingServices();

    ShortCodeStore shortCodes();

    SmppCredentialStore smppCredentials();

    SmppSubmitStore smppSubmits();

    ServiceSenderStore serviceSenders();

    UsageStore usage();

    MediaStore media();

    SenderQueueStore senderQueues();

    ChatServiceStore chatServices();

    ConversationStore conversations();

    ConversationMessageStore conversationMessages();

    UserStore users();

    RoleStore roles();

    ConversationReceiptStore conversationReceipts();

    ConversationConfigStore conversationConfig();

    ScopedWebhookStore scopedWebhooks();

    ConversationMediaStore conversationMedia();

    ChannelConnectionStore channelConnections();

    SmppSegmentStore smppSegments();

    /** Content API templates and their WhatsApp approvals. */
    ContentStore contents();

    /**
     * The live events of this transaction: listeners of the {@code LiveFeed} get them once it commits, and never if
     * it (or the savepoint they were published in) rolls back. Only in a write.
     */
    LiveEventStore liveEvents();

    /**
     * Runs {@code action} as soon as this transaction has committed, on the thread that committed it and before any
     * write of that commit returns; never if the transaction (or the savepoint it was registered in) rolls back. For
     * giving back what was held until the writes were durable (an SMPP bind's room for an unstored segment): it must be
     * quick, and must neither block nor write. Only in a write.
     */
    void afterCommit(Runnable action);
}
