package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.jsmpp.GenericNackResponseException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bind of a connection, kept up by its own supervisor (a virtual thread): connect, bind, wait until the session is
 * lost, wait out the {@link Backoff}, again, until {@link #close}. A bind is a transceiver session, or a transmitter
 * and a receiver session that are connected, lost and closed together. Its window is a semaphore of
 * {@code settings.window()} permits, one per {@code submit_sm} awaiting its response; a second one, of twice as many,
 * also counts the acknowledged ones until their SMSC ids are committed ({@link BindLink#unstored}). When the bind is
 * lost, every submit still awaiting its response is answered {@link SubmitOutcome.NoResponse} at once rather than at
 * its response timeout.
 */
final class SmppBind {
    private static final Logger LOG = LoggerFactory.getLogger(SmppBind.class);
    private static final int STAT_ESME_RINVCMDID = 0x03;
    /** The longest PDU a carrier may send: a {@code message_payload} at its TLV's limit (64 KiB) with the rest. */
    static final int MAX_PDU_LENGTH = 66 * 1024;

    /** What a bind hands to its channel. */
    interface Listener {
        /** A deliver_sm on this bind: return once it is durable, or throw with the command_status to answer. */
        void deliver(SmppBind bind, DeliverSm pdu) throws ProcessRequestException;

        /** Something went wrong on this bind; {@code message} carries the state. */
        void error(String message);

        /** The bind is up and takes submits. */
        void bound(SmppBind bind);
    }

    private final String label;
    private final SmppSettings settings;
    private final ConnectionFactory sockets;
    private final Listener listener;
    private final Backoff backoff;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object lock = new Object();
    private BindState state = BindState.DISCONNECTED;
    private BindLink link;
    private Thread supervisor;

    SmppBind(String label, SmppSettings settings, ConnectionFactory sockets, Listener listener,
            RandomGenerator random) {
        this.label = label;
        this.settings = settings;
        this.sockets = sockets;
        this.listener = listener;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), random);
    }

    /** {@code carrier-a#1}: the connection's name and the bind's number, for logs and errors. */
    String label() {
        return label;
    }

    void start() {
        supervisor = Thread.ofVirtual().name("smpp-bind-" + label).start(this::supervise);
    }

    BindState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Submits awaiting their response on this bind now. */
    int inFlight() {
        BindLink l = current();
        return l == null ? 0 : l.inFlight();
    }

    /** Free room in the window (and among the unstored), or -1 when the bind takes no submits now. */
    int freeWindow() {
        BindLink l = current();
        return l == null ? -1 : Math.min(l.window.availablePermits(), l.unstored.availablePermits());
    }

    /** The link that takes submits now: bound, and not lost (the supervisor may not have seen the loss yet). */
    private BindLink current() {
        synchronized (lock) {
            return state.takesSubmits() && link != null && link.lost.getCount() > 0 ? link : null;
        }
    }

    /**
     * Sends {@code request} and waits for its answer. Waits at most {@code windowWait} for room among the bind's
     * unstored segments and in its window (a lost bind wakes the wait at once), then for {@code pace} (the connection's
     * submit rate; false: no slot in time, and nothing is sent); the response itself is awaited up to the connection's
     * response timeout, after which the bind is deemed broken and closed, so it reconnects. The window slot is free
     * again once the response is in (or none will come); an acknowledged segment keeps its room among the unstored
     * until the caller runs {@link SubmitOutcome.Acked#stored}.
     */
    SubmitOutcome submit(SubmitRequest request, Duration windowWait, java.util.function.BooleanSupplier pace) {
        BindLink l = current();
        if (l == null) {
            return new SubmitOutcome.NotSent("bind " + label + " is " + state().name().toLowerCase());
        }
        long deadline = System.nanoTime() + windowWait.toNanos();
        try {
            if (!l.unstored.tryAcquire(windowWait.toNanos(), TimeUnit.NANOSECONDS)) {
                return new SubmitOutcome.NotSent("SMPP window full (" + BindLink.unstoredRoom(settings.window())
                        + " submits awaiting their response or the commit of their SMSC id, bind=" + label + ")");
            }
            if (!l.window.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                l.unstored.release();
                return new SubmitOutcome.NotSent("SMPP window full (inflight=" + l.inFlight() + ", window="
                        + settings.window() + ", bind=" + label + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SubmitOutcome.NotSent("interrupted waiting for the window of " + label);
        }
        Runnable slot = once(l.window::release);
        Runnable stored = once(l.unstored::release);
        SubmitOutcome outcome = null;
        try {
            outcome = submitHoldingSlot(l, request, pace, slot, stored);
            return outcome;
        } finally {
            slot.run();
            if (!(outcome instanceof SubmitOutcome.Acked)) {
                // Not acknowledged (or send threw): nothing of it is left to store.
                stored.run();
            }
        }
    }

    /** {@link #submit}'s part once it holds its window slot. */
    private SubmitOutcome submitHoldingSlot(BindLink l, SubmitRequest request, java.util.function.BooleanSupplier pace,
            Runnable slot, Runnable stored) {
        if (l.lost.getCount() == 0 || !state().takesSubmits()) {
            return new SubmitOutcome.NotSent("bind " + label + " lost or closing while waiting for its window");
        }
        if (!pace.getAsBoolean()) {
            return new SubmitOutcome.NotSent("no submit slot within the send's budget on " + label);
        }
        if (!l.enter(slot)) {
            return new SubmitOutcome.NotSent("bind " + label + " lost or closing while waiting for its window");
        }
        SubmitOutcome outcome = null;
        try {
            // On this thread: a lost bind interrupts it (BindLink.lose), which ends jSMPP's wait for the response at
            // once rather than at its transaction timer.
            outcome = send(l.transmitter, request, stored);
        } finally {
            boolean lost = l.leave();
            if (outcome instanceof SubmitOutcome.NoResponse r) {
                if (lost) {
                    outcome = new SubmitOutcome.NoResponse("bind lost with the submit_sm unanswered");
                } else if (Thread.currentThread().isInterrupted()) {
                    // Interrupted by someone else (shutdown): the bind is not at fault, and stays up.
                    outcome = new SubmitOutcome.NoResponse("interrupted awaiting the response on " + label);
                } else if (r.reason().startsWith("no submit_sm_resp")) {
                    l.close(r.reason());
                }
            }
        }
        return outcome;
    }

    /** {@code release}, run by the first call only: a slot is given back once whoever holds it. */
    private static Runnable once(Runnable release) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                release.run();
            }
        };
    }

    /** Submits {@code r}; an acknowledgement carries {@code stored}, which gives back its room among the unstored. */
    private SubmitOutcome send(SMPPSession session, SubmitRequest r, Runnable stored) {
        try {
            SubmitSmResult result = session.submitShortMessage(null,
                    TypeOfNumber.valueOf(r.sourceTon()), NumberingPlanIndicator.valueOf(r.sourceNpi()), r.source(),
                    TypeOfNumber.valueOf(r.destTon()), NumberingPlanIndicator.valueOf(r.destNpi()), r.destination(),
                    new ESMClass(r.esmClass()), (byte) 0, (byte) 0, null, null,
                    r.receipt() ? new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE) : new RegisteredDelivery(),
                    (byte) 0, DataCodings.newInstance(r.dataCoding()), (byte) 0, r.shortMessage(), r.tlvs());
            return new SubmitOutcome.Acked(result.getMessageId(), stored);
        } catch (NegativeResponseException e) {
            return new SubmitOutcome.Refused(e.getCommandStatus());
        } catch (GenericNackResponseException e) {
            return new SubmitOutcome.Nacked(e.getCommandStatus());
        } catch (ResponseTimeoutException e) {
            return new SubmitOutcome.NoResponse("no submit_sm_resp within " + settings.responseTimeout().toMillis()
                    + " ms on " + label);
        } catch (InvalidResponseException e) {
            return new SubmitOutcome.NoResponse("invalid response on " + label + ": " + e.getMessage());
        } catch (PDUException e) {
            return new SubmitOutcome.Invalid("jSMPP refused the submit_sm: " + e.getMessage());
        } catch (IOException e) {
            return new SubmitOutcome.NoResponse("bind " + label + " broke sending: " + e.getMessage());
        } catch (RuntimeException e) {
            return new SubmitOutcome.NoResponse("submit failed on " + label + ": " + e);
        }
    }

    private void supervise() {
        while (true) {
            synchronized (lock) {
                if (state != BindState.DISCONNECTED) {
                    return;
                }
                move(BindState.Event.CONNECT);
            }
            BindLink l;
            try {
                l = connect();
            } catch (IOException | RuntimeException e) {
                String why = describe(e);
                listener.error("bind " + label + " to " + settings.host() + ":" + settings.port() + " failed: " + why);
                synchronized (lock) {
                    move(BindState.Event.REFUSED);
                }
                if (!pause()) {
                    return;
                }
                continue;
            }
            synchronized (lock) {
                if (state != BindState.CONNECTING) {
                    l.close("closing");
                    return;
                }
                link = l;
                move(BindState.Event.BOUND);
            }
            listener.bound(this);
            long upSince = System.nanoTime();
            LOG.info("SMPP bind {} up ({} to {}:{})", label, settings.bindType(), settings.host(), settings.port());
            awaitUninterruptibly(l.lost);
            synchronized (lock) {
                if (state == BindState.UNBINDING || state == BindState.CLOSED) {
                    // close() is unbinding this link session by session; closing it here would cut that short.
                    return;
                }
                link = null;
                move(BindState.Event.LOST);
            }
            l.close("lost");
            listener.error("bind " + label + " lost: " + l.lostReason());
            // A bind that stayed up a while starts the backoff again; one the SMSC drops at once keeps doubling it,
            // so a flapping SMSC is not hammered at the shortest interval.
            if (System.nanoTime() - upSince >= settings.reconnectMax().toNanos()) {
                backoff.reset();
            }
            if (!pause()) {
                return;
            }
        }
    }

    /** Waits out the backoff; false when the bind is closing meanwhile. */
    private boolean pause() {
        try {
            return !closing.await(backoff.next().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof NegativeResponseException n) {
            return "bind refused with command_status " + SmppStatus.describe(n.getCommandStatus());
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private BindLink connect() throws IOException {
        boolean trx = settings.bindType() == SmppSettings.BindType.TRANSCEIVER;
        BindLink l = new BindLink(settings.window());
        SMPPSession transmitter = session(l, true);
        l.transmitter = transmitter;
        try {
            transmitter.connectAndBind(settings.host(), settings.port(),
                    parameter(trx ? BindType.BIND_TRX : BindType.BIND_TX), settings.responseTimeout().toMillis());
            if (!trx) {
                SMPPSession receiver = session(l, false);
                l.receiver = receiver;
                receiver.connectAndBind(settings.host(), settings.port(), parameter(BindType.BIND_RX),
                        settings.responseTimeout().toMillis());
            }
        } catch (IOException | RuntimeException e) {
            l.close("bind failed");
            throw e;
        }
        return l;
    }

    /**
     * A session of {@code l}; the one that {@code submits} frees each submit's window slot as it reads the response (a
     * receiver's sequence numbers are its own: a {@code generic_nack} there must not free a transmitter's slot).
     */
    private SMPPSession session(BindLink l, boolean submits) {
        // Parley's reader: a hostile length or an undecodable deliver_sm ends the connection rather than jSMPP's reader.
        SMPPSession s = new SMPPSession(new SynchronizedPDUSender(new SequencedPduSender(l::sending)),
                new BoundedPduReader(MAX_PDU_LENGTH, label(), submits ? l::responded : sequence -> { }), sockets);
        s.setEnquireLinkTimer(Math.toIntExact(settings.enquireLinkInterval().toMillis()));
        s.setTransactionTimer(settings.responseTimeout().toMillis());
        s.setPduProcessorDegree(pduThreads(settings.window()));
        s.setQueueCapacity(queueCapacity(settings.window()));
        s.setMessageReceiverListener(new Receiver());
        s.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                l.lose("the session closed (by the SMSC, the network or an unanswered enquire_link)");
            }
        });
        return s;
    }

    /**
     * The threads jSMPP gives a session at {@code window} to process the PDUs it reads. Responses share them with
     * receipts and handsets' messages, each of which holds its thread until it is durable (its {@code deliver_sm} is
     * answered only then), so a submitter learns its SMSC id, and gives back its room among the unstored, only once a
     * thread is free. One thread per window slot was too few: twice that made one bind about a quarter faster at
     * windows 10 and 100, and four times a further twelfth at window 10 (bench/RESULTS.md, 2026-12-07). A submit's
     * window slot does not wait for them: the reader frees it.
     */
    static int pduThreads(int window) {
        return Math.max(32, Math.min(64, 4 * window));
    }

    /**
     * How many PDUs jSMPP may hold read and not yet processed for a session at {@code window}: the responses of every
     * segment among the bind's unstored (a window slot is free as soon as its response is read, so the window does not
     * bound them) and the SMSC's own {@code deliver_sm}, two windows or 100, whichever is more (an SMSC's window for
     * them is its own). Past it, jSMPP answers a {@code deliver_sm}
     * ESME_RTHROTTLED, and a response waits for room, holding up the reader.
     */
    static int queueCapacity(int window) {
        return BindLink.unstoredRoom(window) + Math.max(100, 2 * window);
    }

    private BindParameter parameter(BindType type) {
        return new BindParameter(type, settings.systemId(), settings.password(),
                settings.systemType() == null ? "" : settings.systemType(), TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, null);
    }

    /**
     * Stops taking submits, waits up to {@code drain} for the submits in flight to be answered, unbinds and closes the
     * sessions. Returns once the supervisor has ended (or after a bounded wait).
     */
    void close(Duration drain) {
        BindLink l;
        synchronized (lock) {
            l = link;
            move(BindState.Event.CLOSE);
        }
        closing.countDown();
        if (l != null) {
            l.wakeWaiters();
            long deadline = System.nanoTime() + drain.toNanos();
            while (l.inFlight() > 0 && System.nanoTime() < deadline
                    && l.lost.getCount() > 0) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            l.unbind();
            l.close("channel closed");
        }
        synchronized (lock) {
            move(BindState.Event.UNBOUND);
        }
        if (supervisor != null) {
            try {
                supervisor.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void move(BindState.Event event) {
        state = state.on(event);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Receiver implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            listener.deliver(SmppBind.this, deliverSm);
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // The ESME sends no data_sm/submit_sm waiting for an alert; nothing to do.
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not taken on " + label, STAT_ESME_RINVCMDID);
        }
    }
}
