package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSettings;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.message.channel.SendResult;
import dev.parley.core.tx.Storage;
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
    /** Keeps each handset's message in {@link #mo}: the channels' handler unless a test gives its own. */
    private final SmppMoHandler keepMo = (name, pdu) -> mo.add(pdu);
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
        return tune().build();
    }

    /** Settings to adjust before {@link Settings#build()}. */
    Settings tune() {
        return new Settings(smsc.port());
    }

    /** The knobs tests turn; everything else as {@link #settings()}. */
    static final class Settings {
        private final int port;
        SmppSettings.BindType bindType = SmppSettings.BindType.TRANSCEIVER;
        int binds = 1;
        int window = 10;
        double maxPerSecond;
        SmppSettings.DataCoding coding = SmppSettings.DataCoding.SMSC_DEFAULT;
        boolean packed;
        SmppSettings.Split split = SmppSettings.Split.UDH8;
        SmppSettings.IdFormat responseIds = SmppSettings.IdFormat.DECIMAL;
        SmppSettings.IdFormat receiptIds = SmppSettings.IdFormat.DECIMAL;
        String password = TestSmsc.PASSWORD;
        Duration reconnectMin = Duration.ofMillis(50);
        Duration reconnectMax = Duration.ofMillis(400);
        Duration responseTimeout = Duration.ofSeconds(5);
        Duration enquireLink = Duration.ofSeconds(30);

        Settings(int port) {
            this.port = port;
        }

        SmppSettings build() {
            return new SmppSettings("127.0.0.1", port, false, TestSmsc.SYSTEM_ID, password, "", bindType, binds,
                    window, maxPerSecond, enquireLink, reconnectMin, reconnectMax, responseTimeout, 1, 1, 1,
                    1, coding, packed, split, responseIds, receiptIds, null);
        }
    }

    SmppChannel open(Settings settings) {
        return open(settings.build());
    }

    /** Opens a channel and waits until every bind is up. */
    SmppChannel bound(Settings settings) {
        return bound(settings, db);
    }

    /** As {@link #bound(Settings)}, storing through {@code storage} (this harness's database behind it). */
    SmppChannel bound(Settings settings, Storage storage) {
        return bound(settings, storage, keepMo);
    }

    /** As {@link #bound(Settings)}, handing each handset's message to {@code handler} instead of {@link #mo}. */
    SmppChannel bound(Settings settings, SmppMoHandler handler) {
        return bound(settings, db, handler);
    }

    private SmppChannel bound(Settings settings, Storage storage, SmppMoHandler handler) {
        SmppChannel channel = open(settings.build(), storage, handler);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> channel.state().orElseThrow().status().equals("bound"));
        return channel;
    }

    SmppChannel open(SmppSettings settings) {
        return open(settings, db, keepMo);
    }

    private SmppChannel open(SmppSettings settings, Storage storage, SmppMoHandler handler) {
        SmppChannel channel = new SmppChannel("carrier-a", settings, new SmppChannel.Parts(storage, Clock.systemUTC(),
                (tx, receipt) -> receipts.add(receipt), handler, new SplittableRandom(1)));
        channels.add(channel);
        return channel;
    }

    /** {@link #send(Storage, SmppChannel, Message)} on this harness's database. */
    SendResult send(SmppChannel channel, Message m) {
        return send(db, channel, m);
    }

    /**
     * Sends as the dispatcher does: what the channel keeps of an accepted send ({@code storeWithOutcome}, the last
     * segment's id) is written, then {@code afterStored} gives its window slot back.
     */
    static SendResult send(Storage storage, SmppChannel channel, Message m) {
        SendResult result = channel.send(m);
        if (result instanceof SendResult.Accepted a) {
            try {
                storage.writeVoid(a.storeWithOutcome());
            } finally {
                a.afterStored().run();
            }
        }
        return result;
    }

    /** The provider id of an accepted send. */
    static String acceptedId(SendResult result) {
        if (result instanceof SendResult.Accepted a) {
            return a.providerId();
        }
        throw new AssertionError("not accepted: " + result);
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
