package dev.parley.channels.smpp.server;

import dev.parley.core.smsc.SmppCredential;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.jsmpp.bean.BindType;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPServerSession;

/**
 * One client connection to Parley's SMPP server, from accept to close: its jSMPP session, and once bound the credential
 * (replaced in place when the credential's window, rate or callback change), the bind type, the {@code submit_sm} in
 * flight and the {@code deliver_sm} Parley has in flight to it (both bounded by the credential's window).
 */
final class ClientBind {
    private final String peer;
    private final byte[] peerAddress;
    private final InflightWindow submits = new InflightWindow();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile SMPPServerSession session;
    private volatile SmppCredential credential;
    private volatile BindType bindType;
    private volatile Semaphore delivers;

    ClientBind(String peer, byte[] peerAddress) {
        this.peer = peer;
        this.peerAddress = peerAddress.clone();
    }

    void session(SMPPServerSession s) {
        session = s;
    }

    SMPPServerSession session() {
        return session;
    }

    void bound(SmppCredential c, BindType type) {
        credential = c;
        bindType = type;
        delivers = new Semaphore(c.limits().window());
    }

    /** A credential change that keeps the bind: new window, rate or callback. */
    void credential(SmppCredential c) {
        credential = c;
    }

    /** Null until bound. */
    SmppCredential credential() {
        return credential;
    }

    boolean receives() {
        return bindType == BindType.BIND_RX || bindType == BindType.BIND_TRX;
    }

    boolean isBound() {
        SMPPServerSession s = session;
        return credential != null && s != null && s.getSessionState().isBound();
    }

    InflightWindow submits() {
        return submits;
    }

    Semaphore delivers() {
        return delivers;
    }

    byte[] peerAddress() {
        return peerAddress.clone();
    }

    void closed(SessionState state) {
        if (state == SessionState.CLOSED) {
            closed.countDown();
        }
    }

    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** @return whether the session closed within {@code millis} */
    boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** For error messages and logs: {@code kannel@127.0.0.1:40112/BIND_TRX}; never the password. */
    @Override
    public String toString() {
        SmppCredential c = credential;
        return (c == null ? "unbound" : c.systemId()) + "@" + peer + (bindType == null ? "" : "/" + bindType);
    }
}
