package dev.parley.store;

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
import dev.parley.core.conversation.live.LiveEvent;
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
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandoff;
import dev.parley.core.queue.JobStore;
import dev.parley.core.service.MessagingServiceStore;
import dev.parley.core.service.ServiceSenderStore;
import dev.parley.core.simulator.HandsetInboxStore;
import dev.parley.core.simulator.HandsetStore;
import dev.parley.core.smsc.SmppCredentialStore;
import dev.parley.core.smsc.SmppSubmitStore;
import dev.parley.core.throughput.SenderQueueStore;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.WebhookLogStore;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;

/**
 * The stores bound to one connection's current transaction. Remembers whether a job was enqueued through it, and the
 * jobs it handed to the runner ({@link JobHandoff}): those run once it commits, or give their room back if it is rolled
 * back. Its live events are notified in the transaction on PostgreSQL ({@code pg_notify}, which PostgreSQL delivers at
 * commit and drops with a rolled-back savepoint); on SQLite they are kept here for the writer to hand to the
 * {@link LocalLiveFeed} after the commit. Its after-commit actions run on the writer once it commits.
 */
final class SqlTx implements Tx {
    private final Jdbc jdbc;
    private final JobHandoff handoff;
    private final boolean write;
    private boolean jobsEnqueued;
    private List<Job> handedOff = List.of();
    private List<LiveEvent> liveEvents = List.of();
    private List<Runnable> afterCommit = List.of();
    private SqlMessageStore messages;
    private SqlJobStore jobs;

    /** A read transaction: it hands no job off and publishes no live event. */
    SqlTx(Jdbc jdbc) {
        this(jdbc, null, false);
    }

    /** A write transaction; {@code handoff} takes the jobs due at once (null hands none off). */
    SqlTx(Jdbc jdbc, JobHandoff handoff) {
        this(jdbc, handoff, true);
    }

    private SqlTx(Jdbc jdbc, JobHandoff handoff, boolean write) {
        this.jdbc = jdbc;
        this.handoff = handoff;
        this.write = write;
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
        handedOff = added(handedOff, leased);
    }

    /** The jobs handed off so far, to run once the transaction has committed. */
    List<Job> handedOff() {
        return handedOff;
    }

    /** The live events kept for after the commit (SQLite), in the order published. */
    List<LiveEvent> liveEventsToPublish() {
        return liveEvents;
    }

    @Override
    public void afterCommit(Runnable action) {
        if (!write) {
            throw new IllegalStateException("after-commit actions belong to a write transaction");
        }
        afterCommit = added(afterCommit, action);
    }

    /** The actions to run once the transaction has committed, in the order registered. */
    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    /** How much of what waits for the commit a savepoint saw: what a rollback to it forgets the rest of. */
    record Mark(int handedOff, int liveEvents, int afterCommit) {
        /** The start of the transaction: everything since is forgotten when the whole of it is rolled back. */
        static final Mark START = new Mark(0, 0, 0);
    }

    Mark mark() {
        return new Mark(handedOff.size(), liveEvents.size(), afterCommit.size());
    }

    /**
     * The work since {@code mark} was rolled back: the jobs it handed off give their room back, its live events and
     * after-commit actions are forgotten.
     */
    void forgetSince(Mark mark) {
        if (handedOff.size() > mark.handedOff()) {
            List<Job> dropped = handedOff.subList(mark.handedOff(), handedOff.size());
            handoff.abandoned(List.copyOf(dropped));
            dropped.clear();
        }
        dropAfter(liveEvents, mark.liveEvents());
        dropAfter(afterCommit, mark.afterCommit());
    }

    /** {@code list} with {@code item} added: a list of its own once the first item comes. */
    private static <T> List<T> added(List<T> list, T item) {
        List<T> mutable = list.isEmpty() ? new ArrayList<>(4) : list;
        mutable.add(item);
        return mutable;
    }

    private static void dropAfter(List<?> list, int kept) {
        if (list.size() > kept) {
            list.subList(kept, list.size()).clear();
        }
    }

    @Override
    public LiveEventStore liveEvents() {
        if (!write) {
            throw new IllegalStateException("live events are published only in a write transaction");
        }
        return this::publish;
    }

    private void publish(LiveEvent event) {
        if (jdbc.dialect() == SQLDialect.POSTGRES) {
            // Returns one row (pg_notify's void); run as a query so the statement cache serves it.
            jdbc.exists(PostgresLiveFeed.NOTIFY, s -> s.setString(1, LiveEventCodec.encode(event)));
            return;
        }
        liveEvents = added(liveEvents, event);
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
    public WhatsAppWindowStore whatsAppWindows() {
        return new SqlWhatsAppWindowStore(jdbc);
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
    public SmppCredentialStore smppCredentials() {
        return new SqlSmppCredentialStore(jdbc);
    }

    @Override
    public SmppSubmitStore smppSubmits() {
        return new SqlSmppSubmitStore(jdbc);
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

    @Override
    public ContentStore contents() {
        return new SqlContentStore(jdbc);
    }
}
