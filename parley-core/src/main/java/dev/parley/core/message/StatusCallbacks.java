package dev.parley.core.message;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.queue.Job;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.WebhookJob;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a status change into a status-callback job, with the parameters Twilio posts. Called inside the
 * transaction that stores the change, so the callback is committed with it. Every change is also told to the
 * {@link MessageStatusListener} (conversation delivery receipts), callback URL or not. Within {@link #together}, the
 * callbacks of one message's changes are held and enqueued as one job that posts them in order.
 */
public final class StatusCallbacks {
    private static final DateTimeFormatter DLR_DONE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
    private final IdGenerator ids;
    private final Clock clock;
    private final int maxAttempts;
    private final MessageStatusListener listener;
    /** The callbacks {@link #together} holds on this thread: a transaction runs on one thread from start to end. */
    private final ThreadLocal<Held> held = new ThreadLocal<>();

    /**
     * The callbacks held for {@code messageSid} in {@code tx}, when the first of them was due, and the message as the
     * transaction last stored it (the last change enqueued).
     */
    private static final class Held {
        private final Tx tx;
        private final String messageSid;
        private final List<WebhookJob> hooks = new ArrayList<>(3);
        private Instant runAt;
        private Message stored;

        private Held(Tx tx, String messageSid) {
            this.tx = tx;
            this.messageSid = messageSid;
        }
    }

    public StatusCallbacks(IdGenerator ids, Clock clock, int maxAttempts) {
        this(ids, clock, maxAttempts, MessageStatusListener.NONE);
    }

    public StatusCallbacks(IdGenerator ids, Clock clock, int maxAttempts, MessageStatusListener listener) {
        this.ids = ids;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.listener = listener;
    }

    /** Enqueues the callback for {@code message}'s current status; {@code doneAt} is the receipt's done date. */
    public void enqueue(Tx tx, Message message, Instant doneAt) {
        enqueue(tx, List.of(message), doneAt);
    }

    /** As {@link #enqueue(Tx, Message, Instant)}, posted no sooner than {@code notBefore} (when not null). */
    public void enqueue(Tx tx, Message message, Instant doneAt, Instant notBefore) {
        enqueue(tx, List.of(message), doneAt, notBefore);
    }

    /**
     * Enqueues the callbacks of several changes of one message stored in this transaction (sending and sent at
     * once), as one job that posts them in order.
     */
    public void enqueue(Tx tx, List<Message> changes, Instant doneAt) {
        enqueue(tx, changes, doneAt, null);
    }

    /**
     * Runs {@code work} in {@code tx}, holding the callbacks of {@code messageSid}'s changes it stores, then enqueues
     * them as one job that posts them in order, due when the first of them was. A receipt applied in the transaction
     * that stores {@code sent} (an SMSC that answers a submit and reports at once) then needs no job of its own, and
     * no head start to go out after {@code sending} and {@code sent} (ADR 0038). If {@code work} throws, nothing held
     * is enqueued: the transaction is rolled back with it.
     */
    public void together(Tx tx, String messageSid, Runnable work) {
        Held outer = held.get();
        Held mine = new Held(tx, messageSid);
        held.set(mine);
        try {
            work.run();
        } finally {
            if (outer == null) {
                held.remove();
            } else {
                held.set(outer);
            }
        }
        if (!mine.hooks.isEmpty()) {
            insert(tx, mine.stored.accountSid(), mine.hooks, mine.runAt);
        }
    }

    /**
     * The message as {@code tx} last stored it within {@link #together} for {@code messageSid}, when it did: the last
     * change enqueued there, which its caller has just written. A receipt applied there moves it on without reading
     * the row back; like {@link MessageStore#current}, it is enough to move the message on.
     */
    public Optional<Message> stored(Tx tx, String accountSid, String messageSid) {
        Held holding = held.get();
        if (holding == null || holding.tx != tx || !holding.messageSid.equals(messageSid) || holding.stored == null
                || !holding.stored.accountSid().equals(accountSid)) {
            return Optional.empty();
        }
        return Optional.of(holding.stored);
    }

    private void enqueue(Tx tx, List<Message> changes, Instant doneAt, Instant notBefore) {
        Message first = changes.getFirst();
        Held holding = held.get();
        boolean holds = holding != null && holding.tx == tx && holding.messageSid.equals(first.sid());
        if (holds) {
            holding.stored = changes.getLast();
        }
        List<WebhookJob> hooks = new ArrayList<>(changes.size());
        for (Message change : changes) {
            listener.statusChanged(tx, change);
            Message.StatusCallback callback = change.statusCallback();
            if (callback != null && callback.url() != null) {
                hooks.add(hook(change, callback, doneAt));
            }
        }
        if (hooks.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant runAt = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        if (holds) {
            if (holding.hooks.isEmpty()) {
                holding.runAt = runAt;
            }
            holding.hooks.addAll(hooks);
            return;
        }
        insert(tx, first.accountSid(), hooks, runAt);
    }

    private void insert(Tx tx, String accountSid, List<WebhookJob> hooks, Instant runAt) {
        String id = ids.sid("JB");
        WebhookJob payload = hooks.size() == 1 ? hooks.getFirst() : WebhookJob.chain(id, hooks);
        tx.jobs().enqueue(Job.create(id, accountSid, WebhookJob.KIND, payload.toJson(), runAt, maxAttempts,
                clock.instant()));
    }

    private WebhookJob hook(Message message, Message.StatusCallback callback, Instant doneAt) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        put(params, "MessageSid", message.sid());
        put(params, "SmsSid", message.sid());
        put(params, "AccountSid", message.accountSid());
        put(params, "From", message.from());
        put(params, "To", message.to());
        put(params, "MessageStatus", message.status().wire());
        put(params, "SmsStatus", message.status().wire());
        put(params, "ApiVersion", "2010-04-01");
        if (message.messagingServiceSid() != null) {
            put(params, "MessagingServiceSid", message.messagingServiceSid());
        }
        if (ChannelAddress.isWhatsApp(message.to())) {
            // What Twilio adds for a message over a channel: its prefix and the recipient's address on it.
            put(params, "ChannelPrefix", ChannelAddress.Kind.WHATSAPP.channelName());
            put(params, "ChannelToAddress", message.to().substring(ChannelAddress.Kind.WHATSAPP.prefix().length()));
            put(params, "StructuredMessage", "false");
        }
        if (message.errorCode() != null
                && (message.status() == MessageStatus.FAILED || message.status() == MessageStatus.UNDELIVERED)) {
            put(params, "ErrorCode", String.valueOf(message.errorCode()));
        }
        if (message.status() == MessageStatus.DELIVERED || message.status() == MessageStatus.UNDELIVERED) {
            put(params, "RawDlrDoneDate", DLR_DONE.format(doneAt != null ? doneAt : clock.instant()));
        }
        return new WebhookJob(callback.url(), callback.method(), params, "status-callback", message.sid());
    }

    private static void put(Map<String, List<String>> params, String name, String value) {
        params.put(name, List.of(value));
    }
}
