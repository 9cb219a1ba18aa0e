package dev.parley.store;

import dev.parley.core.account.AccountStore;
import dev.parley.core.billing.UsageStore;
import dev.parley.core.connection.ChannelConnectionStore;
import dev.parley.core.connection.SmppSegmentStore;
import dev.parley.core.conversation.ChatServiceStore;
import dev.parley.core.conversation.ConversationMessageStore;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.config.ConversationConfigStore;
import dev.parley.core.conversation.hook.ScopedWebhookStore;
import dev.parley.core.conversation.media.ConversationMediaStore;
import dev.parley.core.conversation.receipt.ConversationReceiptStore;
import dev.parley.core.conversation.user.RoleStore;
import dev.parley.core.conversation.user.UserStore;
import dev.parley.core.inbound.ConcatenationStore;
import dev.parley.core.media.MediaStore;
import dev.parley.core.message.MessageStore;
import dev.parley.core.message.OptOutStore;
import dev.parley.core.number.NumberStore;
import dev.parley.core.number.ShortCodeStore;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandoff;
import dev.parley.core.queue.JobStore;
import dev.parley.core.service.MessagingServiceStore;
import dev.parley.core.service.ServiceSenderStore;
import dev.parley.core.simulator.HandsetInboxStore;
import dev.parley.core.simulator.HandsetStore;
import dev.parley.core.throughput.SenderQueueStore;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.WebhookLogStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The stores bound to one connection's current transaction. Remembers whether a job was enqueued through it, and the
 * jobs it handed to the runner ({@link JobHandoff}): those run once it commits, or give their room back if it is rolled
 * back.
 */
final class SqlTx implements Tx {
    private final Jdbc jdbc;
    private final JobHandoff handoff;
    private boolean jobsEnqueued;
    private List<Job> handedOff = List.of();
    private SqlMessageStore messages;
    private SqlJobStore jobs;

    /** A transaction that hands no job off (reads). */
    SqlTx(Jdbc jdbc) {
        this(jdbc, null);
    }

    /** @param handoff takes the jobs due at once; null hands none off */
    SqlTx(Jdbc jdbc, JobHandoff handoff) {
        this.jdbc = jdbc;
        this.handoff = handoff;
    }

    void jobEnqueued() {
        jobsEnqueued = true;
    }

    boolean jobsEnqueued() {
        return jobsEnqueued;
    }

    /** The lease of a job the runner takes from this transaction, or null to enqueue it pending. */
    JobHandoff.Lease lease(Job job) {
        return handoff == null ? null : handoff.take(job);
    }

    void handedOff(Job leased) {
        if (handedOff.isEmpty()) {
            handedOff = new ArrayList<>(4);
        }
        handedOff.add(leased);
    }

    /** The jobs handed off so far, to run once the transaction has committed. */
    List<Job> handedOff() {
        return handedOff;
    }

    /** Gives back the room of the jobs handed off since the first {@code kept}: their work was rolled back. */
    void abandonAfter(int kept) {
        int dropped = handedOff.size() - kept;
        if (dropped > 0) {
            handoff.abandoned(dropped);
            handedOff.subList(kept, handedOff.size()).clear();
        }
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
    public ConcatenationStore concatParts() {
        return new SqlConcatenationStore(jdbc);
    }

    @Override
    public JobStore jobs() {
        SqlJobStore store = jobs;
        if (store == null) {
            store = new SqlJobStore(jdbc, this);
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
    public HandsetInboxStore handsetInbox() {
        return new SqlHandsetInboxStore(jdbc);
    }

    @Override
    public MessagingServiceStore messagingServices() {
        return new SqlMessagingServiceStore(jdbc);
    }

    @Override
    public ShortCodeStore shortCodes() {
        return new SqlShortCodeStore(jdbc);
    }

    @Override
    public ServiceSenderStore serviceSenders() {
        return new SqlServiceSenderStore(jdbc);
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

    @Override
    public ChannelConnectionStore channelConnections() {
        return new SqlChannelConnectionStore(jdbc);
    }

    @Override
    public SmppSegmentStore smppSegments() {
        return new SqlSmppSegmentStore(jdbc);
    }
}
