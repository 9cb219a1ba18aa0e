package dev.parley.server;

import dev.parley.channels.smpp.SmppChannel;
import dev.parley.channels.smpp.SmppMoHandler;
import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelFactory;
import dev.parley.core.message.ReceiptHandler;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jsmpp.extra.ProcessRequestException;

/**
 * Opens an SMPP connection's channel: parley-channels' {@link SmppChannel} (Parley as ESME), named
 * {@code smpp:<Name>}, storing segment ids and receipts in the database and handing receipts to the
 * {@link ReceiptHandler}. Inbound {@code deliver_sm} go to the connection's MO handler.
 */
final class SmppChannels implements ChannelFactory {
    /**
     * {@code ESME_RX_T_APPN}: "ESME receiver temporary app error". What an SMSC is answered for an MO message while no
     * inbound handler is wired: it keeps the message and delivers it again later, so nothing is lost.
     */
    static final Function<ChannelConnection, SmppMoHandler> NOT_YET = connection -> (channel, pdu) -> {
        throw new ProcessRequestException("no inbound SMPP handler on " + channel, 0x64);
    };
    private final Storage storage;
    private final Clock clock;
    private final ReceiptHandler receipts;
    private final Function<ChannelConnection, SmppMoHandler> mo;

    /** {@code mo}: the MO handler of a connection (it reads the connection's settings: GSM-7 packed or not). */
    SmppChannels(Storage storage, Clock clock, ReceiptHandler receipts, Function<ChannelConnection, SmppMoHandler> mo) {
        this.storage = storage;
        this.clock = clock;
        this.receipts = receipts;
        this.mo = mo;
    }

    @Override
    public Channel open(ChannelConnection connection) {
        return new SmppChannel(connection.channelName(), connection.smpp(), new SmppChannel.Parts(storage, clock,
                receipts::enqueue, mo.apply(connection), RandomGenerator.getDefault()));
    }
}
