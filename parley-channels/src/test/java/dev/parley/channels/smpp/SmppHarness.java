package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSettings;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.store.Database;
import dev.parley.testing.smpp.TestSmsc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.DeliverSm;

/**
 * What an SMPP channel test needs: a test SMSC, a real SQLite database, settings pointing at the SMSC, the receipts
 * the channel reported (recorded in the transaction that stores them), the MO PDUs it handed on, and the channels it
 * opened (closed after the test).
 */
final class SmppHarness implements AutoCloseable {
    private static final AtomicInteger SIDS = new AtomicInteger();
    final TestSmsc smsc = TestSmsc.start();
    final Path folder;
    final Database db;
    final List<ReceiptSink.Receipt> receipts = new CopyOnWriteArrayList<>();
    final List<DeliverSm> mo = new CopyOnWriteArrayList<>();
    private final List<SmppChannel> channels = new ArrayList<>();

    SmppHarness() {
        try {
            folder = Files.createTempDirectory("parley-smpp-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = Database.open("jdbc:sqlite:" + folder.resolve("parley.db"));
    }

    /** A transceiver connection to the test SMSC with one bind, window 10, no rate limit, fast reconnects. */
    SmppSettings settings() {
        return new SmppSettings("127.0.0.1", smsc.port(), false, TestSmsc.SYSTEM_ID, TestSmsc.PASSWORD, "",
                SmppSettings.BindType.TRANSCEIVER, 1, 10, 0, Duration.ofSeconds(30), Duration.ofMillis(50),
                Duration.ofMillis(400), Duration.ofSeconds(5), 1, 1, 1, 1, SmppSettings.DataCoding.SMSC_DEFAULT, false,
                SmppSettings.Split.UDH8, SmppSettings.IdFormat.DECIMAL, SmppSettings.IdFormat.DECIMAL, null);
    }

    SmppChannel open(SmppSettings settings) {
        SmppChannel channel = new SmppChannel("carrier-a", settings, new SmppChannel.Parts(db, Clock.systemUTC(),
                (tx, receipt) -> receipts.add(receipt), (name, pdu) -> mo.add(pdu), new SplittableRandom(1)));
        channels.add(channel);
        return channel;
    }

    static Message message(String from, String to, String body) {
        String sid = String.format("SM%032x", SIDS.incrementAndGet() + System.nanoTime());
        Instant now = Instant.now();
        return new Message(sid, "AC" + "0".repeat(32), null, from, to, body, List.of(), 1, Direction.OUTBOUND_API,
                MessageStatus.SENDING, null, null, null, null, "smpp:carrier-a", null, Message.StatusCallback.NONE,
                now, now, null);
    }

    @Override
    public void close() {
        channels.forEach(SmppChannel::close);
        smsc.close();
        db.close();
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
