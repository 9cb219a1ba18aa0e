package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.connection.SmppSettings;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.message.channel.SendResult;
import dev.parley.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/**
 * A hostile SMSC (a raw socket, {@link HostileSmsc}) feeds Parley's ESME random and mutated PDUs: unknown command
 * ids, command lengths below the header's, truncated TLVs, octets replaced inside a {@code deliver_sm}, trailing
 * garbage, long {@code message_payload}s and floods. Whatever comes, the bind answers what the property requires
 * ({@code generic_nack} ESME_RINVCMDID for an unknown command; a response with the request's sequence number for
 * every PDU of a flood and for a long payload) or drops the connection and binds again; a malformed TLV stream must
 * not kill the bind. Afterwards the channel still sends, and no receipt of a message id the SMSC never gave changed
 * any message. Two examples pin the gaps of jSMPP's own reader that this found (no answer at all to a malformed TLV
 * stream; a claimed command_length allocated before it is read), closed by {@link BoundedPduReader}.
 */
class SmppEsmeFuzzTest {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final Set<Integer> KNOWN_COMMANDS = knownCommandIds();
    private static Path folder;
    private static Database db;
    private static final List<ReceiptSink.Receipt> RECEIPTS = new CopyOnWriteArrayList<>();
    private static final List<DeliverSm> MO = new CopyOnWriteArrayList<>();
    private static final AtomicInteger SEQUENCE = new AtomicInteger(1000);

    @BeforeContainer
    static void open() throws IOException {
        folder = Files.createTempDirectory("parley-smpp-fuzz-");
        db = Database.open("jdbc:sqlite:" + folder.resolve("parley.db"));
    }

    @AfterContainer
    static void close() throws IOException {
        db.close();
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What one hostile PDU (or burst) is, and what the ESME must do about it. */
    sealed interface Attack {
        /** An unknown command id with a well-formed length: answered generic_nack ESME_RINVCMDID. */
        record UnknownCommand(int commandId, byte[] body) implements Attack {
        }

        /** A command_length below the 16-octet header: the bind answers generic_nack or drops the connection. */
        record ShortLength(int length) implements Attack {
        }

        /** A deliver_sm cut inside its TLVs, the length saying so: answered (with any status) or dropped. */
        record TruncatedTlv(DeliverKind kind, int cut) implements Attack {
        }

        /** A deliver_sm with octets of its body replaced: answered or dropped. */
        record Mutated(DeliverKind kind, List<Integer> positions, List<Byte> values) implements Attack {
        }

        /** A deliver_sm followed by garbage inside its command_length: answered or dropped. */
        record TrailingGarbage(DeliverKind kind, byte[] garbage) implements Attack {
        }

        /** A deliver_sm whose message_payload is far longer than any SMS: answered or dropped. */
        record Oversize(int payloadLength) implements Attack {
        }

        /** Many PDUs at once, enquire_link or receipts of unknown ids: every one answered, or the bind dropped. */
        record Flood(int count, boolean receipts) implements Attack {
        }
    }

    /** The well-formed deliver_sm a mutation starts from. */
    enum DeliverKind {
        /** A delivery receipt (esm_class 0x04) of a message id the SMSC never gave, with its TLVs. */
        RECEIPT,
        /** A mobile-originated text with a UDH and SAR TLVs. */
        MO
    }

    @Property(tries = 40)
    void hostilePdusNeverBreakTheBindNorChangeAMessage(@ForAll("attacks") List<Attack> attacks) throws Exception {
        RECEIPTS.clear();
        try (HostileSmsc smsc = new HostileSmsc()) {
            SmppChannel channel = open(smsc);
            try {
                smsc.acceptAndBind(ANSWER_WITHIN);
                boolean dropped = false;
                for (Attack attack : attacks) {
                    if (!survives(smsc, attack)) {
                        dropped = true;
                        break;
                    }
                }
                if (dropped) {
                    smsc.acceptAndBind(ANSWER_WITHIN);
                }

                // The bind is still usable: a message goes out and is answered.
                SendResult sent = SmppHarness.send(db, channel, SmppHarness.message("+14155550100", "+447700900123", "after the storm"));

                assertThat(sent).isInstanceOf(SendResult.Accepted.class);
                String id = ((SendResult.Accepted) sent).providerId();
                assertThat(smsc.submitted()).extracting(HostileSmsc.Submitted::messageId).contains(id);
                // Receipts of ids the SMSC never gave changed nothing.
                assertThat(RECEIPTS).isEmpty();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * A deliver_sm whose last TLV is cut short, or whose message_payload is longer than 32,767 octets (jSMPP 3.0.2
     * reads TLV lengths as signed shorts and its decomposer throws on its PDU pool thread, where nothing would answer),
     * is never left unanswered on a bind that looks healthy: Parley's reader ({@link BoundedPduReader}) answers or ends
     * the connection, and the bind comes back.
     */
    @net.jqwik.api.Example
    void aDeliverSmWithATruncatedOrLongTlvIsAnsweredOrDropsTheBind() throws Exception {
        MO.clear();
        try (HostileSmsc smsc = new HostileSmsc()) {
            SmppChannel channel = open(smsc);
            try {
                smsc.acceptAndBind(ANSWER_WITHIN);
                if (!answeredOrDropped(smsc, seq -> {
                    byte[] whole = deliverSm(DeliverKind.MO, seq);
                    return withLength(java.util.Arrays.copyOf(whole, whole.length - 14));
                })) {
                    smsc.acceptAndBind(ANSWER_WITHIN);
                }
                if (!survives(smsc, new Attack.Oversize(65_000))) {
                    smsc.acceptAndBind(ANSWER_WITHIN);
                }
                assertThat(SmppHarness.send(db, channel, SmppHarness.message("+14155550100", "+447700900123", "still here")))
                        .isInstanceOf(SendResult.Accepted.class);
                assertThat(MO).as("nothing undecodable reached the MO handler").isEmpty();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * A command_length of nearly 2 GiB is refused (generic_nack ESME_RINVCMDLEN, or the bind dropped) without the ESME
     * allocating it (jSMPP 3.0.2's own reader would, and die of OutOfMemoryError on a bind left connected and deaf),
     * and the bind comes back.
     */
    @net.jqwik.api.Example
    void aHugeCommandLengthDropsTheBindAndItComesBack() throws Exception {
        assertDropsTheBindAndItComesBack(seq -> ByteBuffer.allocate(16).putInt(0x7FFF_FFF0)
                .putInt(SMPPConstant.CID_DELIVER_SM).putInt(0).putInt(seq).array());
    }

    /**
     * Only a command that carries a message may be long: an enquire_link claiming 2 KiB is refused before it is read
     * (the bind dropped), where a deliver_sm of that length is an ordinary handset message; the bind comes back.
     */
    @net.jqwik.api.Example
    void aPduLongerThanItsCommandNeedsDropsTheBindAndItComesBack() throws Exception {
        assertDropsTheBindAndItComesBack(seq -> pdu(SMPPConstant.CID_ENQUIRE_LINK, seq, new byte[2_048 - 16]));
    }

    /**
     * Binds, sends the PDU {@code attack} makes of a fresh sequence number, and checks that the ESME drops the
     * connection, binds again and sends on the new bind.
     */
    private static void assertDropsTheBindAndItComesBack(IntFunction<byte[]> attack) throws Exception {
        try (HostileSmsc smsc = new HostileSmsc()) {
            SmppChannel channel = open(smsc);
            try {
                smsc.acceptAndBind(ANSWER_WITHIN);
                smsc.send(attack.apply(SEQUENCE.incrementAndGet()));

                assertThat(smsc.closedByEsme(ANSWER_WITHIN)).as("connection dropped").isTrue();
                smsc.acceptAndBind(ANSWER_WITHIN);
                assertThat(SmppHarness.send(db, channel, SmppHarness.message("+14155550100", "+447700900123",
                        "still here"))).isInstanceOf(SendResult.Accepted.class);
            } finally {
                channel.close();
            }
        }
    }

    private static SmppChannel open(HostileSmsc smsc) {
        return new SmppChannel("hostile", settings(smsc.port()), new SmppChannel.Parts(db, Clock.systemUTC(),
                (tx, receipt) -> RECEIPTS.add(receipt), (name, pdu) -> MO.add(pdu), new SplittableRandom(7)));
    }

    /**
     * Sends {@code attack} and checks the ESME's answer. False when the ESME dropped the connection (allowed only
     * where the attack says so).
     */
    private static boolean survives(HostileSmsc smsc, Attack attack) throws Exception {
        switch (attack) {
            case Attack.UnknownCommand u -> {
                int seq = SEQUENCE.incrementAndGet();
                smsc.send(pdu(u.commandId(), seq, u.body()));
                HostileSmsc.Pdu answer = answerTo(smsc, seq);
                assertThat(answer).as("answer to command id 0x%08x", u.commandId()).isNotNull();
                assertThat(answer.commandId()).isEqualTo(SMPPConstant.CID_GENERIC_NACK);
                assertThat(answer.commandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVCMDID);
                return true;
            }
            case Attack.ShortLength s -> {
                int seq = SEQUENCE.incrementAndGet();
                ByteBuffer b = ByteBuffer.allocate(16).putInt(s.length()).putInt(SMPPConstant.CID_ENQUIRE_LINK)
                        .putInt(0).putInt(seq);
                smsc.send(b.array());
                // The stream cannot be trusted after a length it cannot frame: the ESME drops it and binds again.
                assertThat(smsc.closedByEsme(ANSWER_WITHIN)).as("connection dropped after command_length %d",
                        s.length()).isTrue();
                return false;
            }
            case Attack.TruncatedTlv t -> {
                return survivesMalformed(smsc, seq -> {
                    byte[] whole = deliverSm(t.kind(), seq);
                    int cut = Math.min(t.cut(), tlvLength(t.kind()) - 1);
                    return withLength(java.util.Arrays.copyOf(whole, whole.length - cut));
                });
            }
            case Attack.Mutated m -> {
                return survivesMalformed(smsc, seq -> {
                    byte[] pdu = deliverSm(m.kind(), seq);
                    for (int i = 0; i < m.positions().size(); i++) {
                        pdu[16 + m.positions().get(i) % (pdu.length - 16)] = m.values().get(i);
                    }
                    return pdu;
                });
            }
            case Attack.TrailingGarbage g -> {
                return survivesMalformed(smsc, seq -> {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.writeBytes(deliverSm(g.kind(), seq));
                    b.writeBytes(g.garbage());
                    return withLength(b.toByteArray());
                });
            }
            case Attack.Oversize o -> {
                return answeredOrDropped(smsc, seq -> {
                    byte[] payload = new byte[o.payloadLength()];
                    java.util.Arrays.fill(payload, (byte) 'x');
                    return HostileSmsc.COMPOSE.deliverSm(seq, "", (byte) 1, (byte) 1, "447700900123", (byte) 1,
                            (byte) 1, "14155550100", (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, new byte[0],
                            new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), payload));
                });
            }
            case Attack.Flood f -> {
                List<Integer> seqs = new ArrayList<>();
                ByteArrayOutputStream burst = new ByteArrayOutputStream();
                for (int i = 0; i < f.count(); i++) {
                    int seq = SEQUENCE.incrementAndGet();
                    seqs.add(seq);
                    burst.writeBytes(f.receipts() ? deliverSm(DeliverKind.RECEIPT, seq)
                            : HostileSmsc.COMPOSE.enquireLink(seq));
                }
                smsc.send(burst.toByteArray());
                Set<Integer> answered = new HashSet<>();
                long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
                while (!answered.containsAll(seqs) && System.nanoTime() < deadline) {
                    HostileSmsc.Pdu p = smsc.next(Duration.ofMillis(200));
                    if (p != null) {
                        answered.add(p.sequence());
                    } else if (smsc.closedByEsme(Duration.ZERO)) {
                        return false;
                    }
                }
                assertThat(answered).as("answers to a flood of %d", f.count()).containsAll(seqs);
                return true;
            }
        }
    }

    @FunctionalInterface
    private interface PduBytes {
        byte[] of(int seq) throws PDUStringException;
    }

    /** The ESME answers the PDU with its sequence number (any response, any status), or drops the connection. */
    private static boolean answeredOrDropped(HostileSmsc smsc, PduBytes bytes) throws Exception {
        int seq = SEQUENCE.incrementAndGet();
        if (!smsc.send(bytes.of(seq))) {
            return false;
        }
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            HostileSmsc.Pdu p = smsc.next(Duration.ofMillis(100));
            if (p != null && p.sequence() == seq) {
                assertThat(p.commandId() & SMPPConstant.MASK_CID_RESP).as("a response").isNotZero();
                return true;
            }
            if (p == null && smsc.closedByEsme(Duration.ZERO)) {
                return false;
            }
        }
        throw new AssertionError("no answer to sequence " + seq + " and the connection is still open");
    }

    /** A deliver_sm whose TLV stream may be malformed: answered (any status) or the connection ended, never ignored. */
    private static boolean survivesMalformed(HostileSmsc smsc, PduBytes bytes) throws Exception {
        return answeredOrDropped(smsc, bytes);
    }

    private static HostileSmsc.Pdu answerTo(HostileSmsc smsc, int seq) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            HostileSmsc.Pdu p = smsc.next(Duration.ofMillis(100));
            if (p != null && p.sequence() == seq) {
                return p;
            }
        }
        return null;
    }

    private static byte[] pdu(int commandId, int seq, byte[] body) {
        return ByteBuffer.allocate(16 + body.length).putInt(16 + body.length).putInt(commandId).putInt(0).putInt(seq)
                .put(body).array();
    }

    /** {@code pdu} with its command_length set to its size. */
    private static byte[] withLength(byte[] pdu) {
        ByteBuffer.wrap(pdu).putInt(0, pdu.length);
        return pdu;
    }

    private static final byte[] RECEIPT_TEXT = ("id:900000001 sub:001 dlvrd:001 submit date:2612061000 done "
            + "date:2612061001 stat:DELIVRD err:000 text:hello").getBytes(StandardCharsets.US_ASCII);

    /** A well-formed deliver_sm of {@code kind} composed by jSMPP. */
    private static byte[] deliverSm(DeliverKind kind, int seq) throws PDUStringException {
        return switch (kind) {
            case RECEIPT -> HostileSmsc.COMPOSE.deliverSm(seq, "", (byte) 1, (byte) 1, "447700900123", (byte) 1,
                    (byte) 1, "14155550100", (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0, RECEIPT_TEXT,
                    new OptionalParameter.Receipted_message_id("900000001"),
                    new OptionalParameter.Message_state((byte) 2));
            case MO -> HostileSmsc.COMPOSE.deliverSm(seq, "", (byte) 1, (byte) 1, "447700900123", (byte) 1, (byte) 1,
                    "14155550100", (byte) 0x40, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                    new byte[] {5, 0, 3, 42, 2, 1, 'H', 'i'},
                    new OptionalParameter.Short(OptionalParameter.Tag.SAR_MSG_REF_NUM.code(), (short) 42),
                    new OptionalParameter.Byte(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS.code(), (byte) 2),
                    new OptionalParameter.Byte(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM.code(), (byte) 1));
        };
    }

    /** Octets of TLVs at the end of a {@link #deliverSm} of {@code kind}. */
    private static int tlvLength(DeliverKind kind) {
        return switch (kind) {
            case RECEIPT -> 4 + "900000001".length() + 1 + 4 + 1;
            case MO -> 4 + 2 + 4 + 1 + 4 + 1;
        };
    }

    private static SmppSettings settings(int port) {
        return new SmppSettings("127.0.0.1", port, false, "parley", "secret", "",
                SmppSettings.BindType.TRANSCEIVER, 1, 10, 0, Duration.ofSeconds(30), Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(3), 1, 1, 1, 1, SmppSettings.DataCoding.SMSC_DEFAULT, false,
                SmppSettings.Split.UDH8, SmppSettings.IdFormat.DECIMAL, SmppSettings.IdFormat.DECIMAL, null);
    }

    @Provide
    Arbitrary<List<Attack>> attacks() {
        Arbitrary<DeliverKind> kinds = Arbitraries.of(DeliverKind.class);
        Arbitrary<Attack> unknown = Combinators.combine(
                Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE).filter(id -> !KNOWN_COMMANDS.contains(id)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).as(Attack.UnknownCommand::new);
        Arbitrary<Attack> shortLength = Arbitraries.integers().between(0, 15).map(Attack.ShortLength::new);
        Arbitrary<Attack> truncated = Combinators.combine(kinds, Arbitraries.integers().between(1, 30))
                .as(Attack.TruncatedTlv::new);
        Arbitrary<Attack> mutated = Combinators.combine(kinds,
                Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.bytes().list().ofSize(6)).as(Attack.Mutated::new);
        Arbitrary<Attack> garbage = Combinators.combine(kinds, Arbitraries.bytes().array(byte[].class).ofMinSize(1)
                .ofMaxSize(300)).as(Attack.TrailingGarbage::new);
        Arbitrary<Attack> oversize = Arbitraries.integers().between(1_000, 32_767).map(Attack.Oversize::new);
        Arbitrary<Attack> flood = Combinators.combine(Arbitraries.integers().between(20, 400), Arbitraries.of(true,
                false)).as(Attack.Flood::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, unknown), net.jqwik.api.Tuple.of(1, shortLength),
                net.jqwik.api.Tuple.of(3, truncated), net.jqwik.api.Tuple.of(4, mutated),
                net.jqwik.api.Tuple.of(2, garbage), net.jqwik.api.Tuple.of(1, oversize),
                net.jqwik.api.Tuple.of(1, flood)).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Every command id jSMPP knows (SMPPConstant.CID_*): the others are unknown to the ESME. */
    private static Set<Integer> knownCommandIds() {
        Set<Integer> ids = new HashSet<>();
        for (Field f : SMPPConstant.class.getFields()) {
            if (f.getName().startsWith("CID_") && Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    ids.add(f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ids;
    }
}
