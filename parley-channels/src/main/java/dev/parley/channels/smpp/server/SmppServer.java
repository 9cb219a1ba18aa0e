package dev.parley.channels.smpp.server;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.inbound.Concatenation;
import dev.parley.core.smsc.PasswordHash;
import dev.parley.core.smsc.SmppCredential;
import dev.parley.core.smsc.SmppCredentialEvents;
import dev.parley.core.tx.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley as SMSC: jSMPP's server side on Parley's host address, for SMPP applications that send through Parley
 * (ADR 0026). One virtual thread accepts; each connection gets a virtual thread that waits for its bind, checks it
 * ({@link #authorize}), and stays until the session closes, so {@link #sessionCount()} falls back when clients go.
 * A bound client's submits go to {@link SubmitHandler}; what Parley owes it ({@code deliver_sm}) is sent by the
 * {@code smpp.deliver} jobs through {@link #receiverOf}. At most {@link Settings#maxSessions} connections at once.
 */
public final class SmppServer implements AutoCloseable, SmppCredentialEvents {
    private static final Logger log = LoggerFactory.getLogger(SmppServer.class);
    /** The system_id Parley answers binds with. */
    static final String SYSTEM_ID = "Parley";
    private static final long REFUSED_GRACE_MILLIS = 2_000;
    private final Settings settings;
    private final Storage storage;
    private final ListeningSockets sockets;
    private final Listener listener;
    private final SubmitHandler submits;
    private final ConcurrentHashMap<String, ClientBind> binds = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicLong roundRobin = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closing;

    /**
     * {@code port} 0 takes a free one. {@code gsm7Packed}: how a client's data_coding 0 is read (most ESMEs, Kannel
     * among them, send one septet per octet).
     */
    public record Settings(String host, int port, int maxSessions, int bindTimeoutMillis, boolean gsm7Packed) {
        public static Settings of(String host, int port) {
            return new Settings(host, port, 200, 5_000, false);
        }
    }

    /**
     * What submits need: the store, ids and time, where concatenated parts wait ({@code concatenation}, which must
     * hold {@code assembly} as its "submit" completion), and how a submitted message is created ({@code assembly}).
     */
    public record Parts(Storage storage, IdGenerator ids, Clock clock, Concatenation concatenation,
            SubmitAssembly assembly) {
    }

    private SmppServer(Settings settings, Parts parts) throws IOException {
        this.settings = settings;
        this.storage = parts.storage();
        this.sockets = new ListeningSockets(settings.host());
        this.submits = new SubmitHandler(parts, binds::get, settings.gsm7Packed());
        this.listener = new Listener(settings.port(), sockets);
        this.acceptor = Thread.ofVirtual().name("smpp-accept").unstarted(this::acceptLoop);
    }

    /** Listens now; binds are served until {@link #close()}. */
    public static SmppServer start(Settings settings, Parts parts) {
        try {
            SmppServer server = new SmppServer(settings, parts);
            server.acceptor.start();
            log.info("SMPP server listening on {}:{}", settings.host(), server.port());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for SMPP on " + settings.host() + ":" + settings.port(), e);
        }
    }

    public int port() {
        return sockets.boundPort();
    }

    /** Connections open now, bound or not. */
    public int sessionCount() {
        return sessions.get();
    }

    /** The binds up now. */
    public int bindCount() {
        return (int) binds.values().stream().filter(ClientBind::isBound).count();
    }

    /** A receiving bind (receiver or transceiver) of the credential, taken in turn; empty when none is up. */
    Optional<ClientBind> receiverOf(String credentialSid) {
        List<ClientBind> up = binds.values().stream().filter(ClientBind::isBound).filter(ClientBind::receives)
                .filter(b -> b.credential().sid().equals(credentialSid)).toList();
        return up.isEmpty() ? Optional.empty()
                : Optional.of(up.get((int) Math.floorMod(roundRobin.getAndIncrement(), (long) up.size())));
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                SMPPServerSession session = listener.accept();
                if (sessions.incrementAndGet() > settings.maxSessions()) {
                    sessions.decrementAndGet();
                    log.warn("SMPP connection from {} refused: {} sessions open (max {})", session.getInetAddress(),
                            settings.maxSessions(), settings.maxSessions());
                    listener.bindOf(session);
                    session.close();
                    continue;
                }
                Thread.ofVirtual().name("smpp-session").start(() -> serve(session));
            } catch (IOException e) {
                if (!closing) {
                    log.warn("SMPP accept failed: {}", e.toString());
                }
            } catch (RuntimeException e) {
                log.warn("SMPP accept failed", e);
            }
        }
    }

    /** The session's own thread: the bind, then a wait until it closes, then its clean-up. */
    private void serve(SMPPServerSession session) {
        ClientBind bind = listener.bindOf(session);
        try {
            binds.put(session.getSessionId(), bind);
            BindRequest request = session.waitForBind(settings.bindTimeoutMillis());
            Authorization auth = authorize(request.getSystemId(), request.getPassword(), bind.peerAddress());
            if (auth.status() != SMPPConstant.STAT_ESME_ROK) {
                log.info("SMPP bind refused (system_id={}, peer={}, status=0x{}): {}", request.getSystemId(), bind,
                        Integer.toHexString(auth.status()), auth.reason());
                request.reject(auth.status());
                // Closing at once can race the client's reading of its bind_resp (jSMPP's own ESME then waits out
                // its timeout): give it a moment to read the refusal and hang up itself.
                bind.awaitClosed(REFUSED_GRACE_MILLIS);
                return;
            }
            bind.bound(auth.credential(), request.getBindType());
            request.accept(SYSTEM_ID, InterfaceVersion.IF_34);
            log.info("SMPP bind {} up", bind);
            bind.awaitClosed();
        } catch (TimeoutException e) {
            log.debug("SMPP connection {} sent no bind in {} ms", bind, settings.bindTimeoutMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | org.jsmpp.PDUStringException e) {
            log.info("SMPP session {} ended: {}", bind, e.toString());
        } finally {
            session.unbindAndClose();
            binds.remove(session.getSessionId());
            sessions.decrementAndGet();
            if (bind.credential() != null) {
                log.info("SMPP bind {} down", bind);
            }
        }
    }

    record Authorization(int status, String reason, SmppCredential credential) {
        static Authorization refuse(int status, String reason) {
            return new Authorization(status, reason, null);
        }
    }

    /**
     * A bind's checks, in ADR 0026's order and statuses: an unknown system id ESME_RINVSYSID, a wrong password
     * ESME_RINVPASWD (the hash compared in constant time), an address outside the credential's networks
     * ESME_RBINDFAIL, an account that is not active ESME_RINVSYSID.
     */
    Authorization authorize(String systemId, String password, byte[] peer) {
        Optional<SmppCredential> found = storage.read(tx -> tx.smppCredentials().findBySystemId(systemId));
        if (found.isEmpty()) {
            return Authorization.refuse(SMPPConstant.STAT_ESME_RINVSYSID, "no such system_id");
        }
        SmppCredential c = found.get();
        if (!PasswordHash.matches(password, c.passwordHash())) {
            return Authorization.refuse(SMPPConstant.STAT_ESME_RINVPASWD, "wrong password");
        }
        if (!c.allows(peer)) {
            return Authorization.refuse(SMPPConstant.STAT_ESME_RBINDFAIL, "address outside " + c.allowedNetworks());
        }
        AccountStatus status = storage.read(tx -> tx.accounts().find(c.accountSid())).map(Account::status)
                .orElse(AccountStatus.CLOSED);
        if (status != AccountStatus.ACTIVE) {
            return Authorization.refuse(SMPPConstant.STAT_ESME_RINVSYSID, "account " + c.accountSid() + " is "
                    + status.wire());
        }
        return new Authorization(SMPPConstant.STAT_ESME_ROK, "", c);
    }

    @Override
    public void changed(SmppCredential before, SmppCredential after) {
        boolean rebind = !before.passwordHash().equals(after.passwordHash())
                || !before.allowedNetworks().equals(after.allowedNetworks())
                || !before.systemId().equals(after.systemId());
        for (ClientBind bind : binds.values()) {
            SmppCredential c = bind.credential();
            if (c != null && c.sid().equals(after.sid())) {
                if (rebind) {
                    bind.session().unbindAndClose();
                } else {
                    bind.credential(after);
                }
            }
        }
        submits.rateChanged(after);
    }

    @Override
    public void deleted(SmppCredential credential) {
        binds.values().stream().filter(b -> b.credential() != null && b.credential().sid().equals(credential.sid()))
                .forEach(b -> b.session().unbindAndClose());
    }

    /** Stops accepting, then unbinds and closes every session. */
    @Override
    public void close() {
        closing = true;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the SMPP listener: {}", e.toString());
        }
        binds.values().forEach(b -> {
            SMPPServerSession s = b.session();
            if (s != null) {
                s.unbindAndClose();
            }
        });
        acceptor.interrupt();
    }

    /**
     * jSMPP's threads per session for what a client sends: each {@code submit_sm} holds one until its message is
     * committed. 32 measured no better than 8 (bench/smpp-server, two rounds: behind at window 10, ahead at 100).
     */
    static final int PDU_THREADS = 8;
    /**
     * jSMPP's queue per session of PDUs read and not yet processed: a client's window of {@code submit_sm} and its
     * answers to Parley's window of {@code deliver_sm}, at the largest window a credential may have. A client past its
     * own window is throttled before this ({@link GuardedPduReader}); past this, jSMPP would throttle one within it.
     * The reader also keeps each queued PDU as short as its command allows, so a full queue that is not the client's
     * window of messages is at most 2 MiB (0.5 MiB before the bind).
     */
    static final int QUEUE_CAPACITY = 2 * SmppCredential.MAX_WINDOW + 64;

    /**
     * jSMPP's listener, each session built with Parley's guarded reader ({@link GuardedPduReader}), its session state
     * told to its {@link ClientBind}, and its submits handled by {@link SubmitHandler}.
     */
    private final class Listener extends SMPPServerSessionListener {
        private final ServerConnection connection;
        private final ConcurrentHashMap<String, ClientBind> pending = new ConcurrentHashMap<>();

        Listener(int port, ListeningSockets factory) throws IOException {
            super(port, factory);
            this.connection = factory.lastListening();
            setPduProcessorDegree(PDU_THREADS);
            setQueueCapacity(QUEUE_CAPACITY);
        }

        @Override
        public SMPPServerSession accept() throws IOException {
            Connection conn = connection.accept();
            conn.setSoTimeout(getInitiationTimer());
            String peer = conn.getInetAddress().getHostAddress() + ":" + conn.getPort();
            ClientBind bind = new ClientBind(peer, conn.getInetAddress().getAddress());
            SMPPServerSession session = new SMPPServerSession(conn, (now, old, source) -> bind.closed(now), submits,
                    null, getPduProcessorDegree(), getQueueCapacity(), new SynchronizedPDUSender(new DefaultPDUSender()),
                    new GuardedPduReader(bind));
            bind.session(session);
            pending.put(session.getSessionId(), bind);
            return session;
        }

        ClientBind bindOf(SMPPServerSession session) {
            return pending.remove(session.getSessionId());
        }
    }
}
