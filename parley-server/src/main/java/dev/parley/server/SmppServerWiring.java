package dev.parley.server;

import dev.parley.channels.smpp.server.SmppDeliverHandler;
import dev.parley.channels.smpp.server.SmppServer;
import dev.parley.channels.smpp.server.SubmitAssembly;
import dev.parley.core.inbound.Concatenation;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.MessageStatusListener;
import dev.parley.core.smsc.SmppCredentialService;
import dev.parley.core.smsc.SmscDeliveries;

/**
 * Parley as SMSC (ADR 0026): the credentials SMPP applications bind with, what Parley owes their binds
 * ({@link SmscDeliveries}: receipts, hearing every status change beside Conversations, and inbound messages routed by
 * an {@code smpp://} SmsUrl), and the SMPP server itself on {@code smpp.port} (none when off).
 */
final class SmppServerWiring {
    private final SmscDeliveries deliveries;
    private final SmppCredentialService credentials;
    private SmppServer server;

    SmppServerWiring(Shared shared) {
        this.deliveries = new SmscDeliveries(shared.ids(), shared.clock());
        this.credentials = new SmppCredentialService(shared.database(), shared.ids(), shared.clock());
    }

    /** {@code other} (Conversations' receipts) and then the SMPP receipts, in the transaction of each change. */
    MessageStatusListener statusListener(MessageStatusListener other) {
        return (tx, message) -> {
            other.statusChanged(tx, message);
            deliveries.statusChanged(tx, message);
        };
    }

    SmscDeliveries deliveries() {
        return deliveries;
    }

    SmppCredentialService credentials() {
        return credentials;
    }

    /**
     * Listens on {@code smpp.port} on Parley's host address, unless it is off. Concatenated submits wait in
     * {@code concatenation}, which must hold {@link #submitCompletion} as its "submit" completion.
     */
    void start(Shared shared, Concatenation concatenation, SubmitAssembly assembly) {
        ParleyConfig config = shared.config();
        if (config.smppPort() == ParleyConfig.SMPP_OFF) {
            return;
        }
        server = SmppServer.start(SmppServer.Settings.of(config.host(), config.smppPort()),
                new SmppServer.Parts(shared.database(), shared.ids(), shared.clock(), concatenation, assembly));
        credentials.events(server);
    }

    /** What a client's concatenated submit becomes once whole: Concatenation's "submit" completion. */
    static SubmitAssembly submitCompletion(MessageService messages) {
        return new SubmitAssembly(messages);
    }

    SmppDeliverHandler deliverHandler(Shared shared) {
        return new SmppDeliverHandler(shared.database(), server);
    }

    /** The server, or null when {@code smpp.port} is off. */
    SmppServer server() {
        return server;
    }

    void close() {
        if (server != null) {
            server.close();
        }
    }
}
