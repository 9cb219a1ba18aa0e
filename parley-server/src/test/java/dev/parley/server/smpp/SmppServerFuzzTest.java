package dev.parley.server.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;

/**
 * Hostile clients against Parley's SMPP server, over raw sockets: random bytes, valid PDUs with their lengths, ids,
 * bytes or TLVs broken, oversize lengths, and floods past the window. For every try: the server answers with responses
 * ({@code generic_nack} among them) or closes, every message it created is one it acknowledged with ESME_ROK (and no
 * other account's data changed), a steady client bound beside keeps sending, and once the connection is gone the
 * server's sessions and jSMPP's reader threads are back to what they were.
 */
class SmppServerFuzzTest {
    private static final DefaultComposer PDU = new DefaultComposer();
    private static SmscHarness parley;
    private static SmppClients.Client steady;
    private static String steadyNumber;
    private static String subSid;
    private static String systemId;
    private static String number;
    private static long readerThreads;

    @BeforeContainer
    static void start() throws Exception {
        parley = new SmscHarness();
        JsonNode sub = parley.post("/2010-04-01/Accounts.json", Map.of("FriendlyName", "hostile")).json();
        subSid = sub.get("sid").asText();
        systemId = "fz" + System.nanoTime() % 1_000_000_000L;
        assertThat(parley.post("/parley/v1/SmppCredentials", Map.of("SystemId", systemId, "Password", "fuzz1",
                "Window", "3", "AccountSid", subSid)).status()).isEqualTo(201);
        number = parley.post("/2010-04-01/Accounts/" + subSid + "/IncomingPhoneNumbers.json", Map.of("AreaCode",
                "415")).json().get("phone_number").asText();
        String steadyId = parley.credential("steady1", Map.of());
        steadyNumber = parley.number(null);
        steady = SmppClients.bind(parley.smppPort(), BindType.BIND_TRX, steadyId, "steady1");
        readerThreads = pduReaders();
    }

    @AfterContainer
    static void stop() {
        if (steady != null) {
            steady.close();
        }
        if (parley != null) {
            parley.close();
        }
    }

    /** What a hostile client sends: after a proper bind or not, then these bytes. */
    record Script(boolean bindFirst, String kind, byte[] bytes) {
        @Override
        public String toString() {
            return kind + (bindFirst ? " after bind: " : ": ") + bytes.length + " bytes "
                    + Arrays.toString(Arrays.copyOf(bytes, Math.min(48, bytes.length)));
        }
    }

    // No shrinking: every try meets a live server that the tries before it changed, so a smaller sample need not fail
    // the same way, and shrinking a failure of this one once kept millions of samples and filled the JVM's heap.
    @Property(tries = 40, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void hostileBytesAreAnsweredOrCutAndCreateOnlyWhatWasAcknowledged(@ForAll("scripts") Script script)
            throws Exception {
        List<String> subBefore = settledSids(subSid);
        int mainBefore = count(SmscHarness.ACCOUNT_SID);
        List<int[]> headers = new ArrayList<>();
        List<String> acknowledged = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", parley.smppPort())) {
            // No response for 2 s means every PDU read was answered: a submit still committing when we hang up may
            // create a message whose submit_sm_resp never arrives, which this test would count as unacknowledged.
            socket.setSoTimeout(5_000);
            if (script.bindFirst()) {
                // Bound first, as SMPP asks: jSMPP closes a session that a submit reaches before its bind_resp was
                // sent, and the submits of the window committing meanwhile would never be answered.
                socket.getOutputStream().write(PDU.bind(SMPPConstant.CID_BIND_TRANSCEIVER, 1, systemId, "fuzz1", "",
                        (byte) 0x34, (byte) 0, (byte) 0, null));
                parse(readPdu(socket.getInputStream()), headers, acknowledged);
            }
            socket.getOutputStream().write(script.bytes());
            socket.getOutputStream().flush();
            socket.setSoTimeout(250);
            parse(readUntilQuiet(socket.getInputStream()), headers, acknowledged);
        } catch (IOException e) {
            // The server may cut the connection while we still write: that is one of its allowed answers.
        }
        for (int[] h : headers) {
            int id = h[0];
            // A bound transceiver of the credential may also be handed a receipt owed for an earlier script's
            // submit (smpp.deliver goes to any receiving bind of the credential).
            boolean receipt = script.bindFirst() && id == SMPPConstant.CID_DELIVER_SM;
            assertThat((id & 0x80000000) != 0 || id == SMPPConstant.CID_UNBIND || id == SMPPConstant.CID_ENQUIRE_LINK
                    || receipt).as("server sent command 0x%s for %s", Integer.toHexString(id), script).isTrue();
        }
        await("the hostile session is gone").atMost(Duration.ofSeconds(15))
                .until(() -> parley.server().smppSessions() == 1);
        await("jSMPP's reader threads are back").atMost(Duration.ofSeconds(15))
                .until(() -> pduReaders() <= readerThreads);

        List<String> messages = acknowledged.stream().filter(id -> id.startsWith("SM")).toList();
        for (String sid : messages) {
            assertThat(parley.get("/2010-04-01/Accounts/" + subSid + "/Messages/" + sid + ".json").status())
                    .isEqualTo(200);
        }
        // Settled first: a submit still committing when its session went away shows here, not in the next try.
        List<String> created = new ArrayList<>(settledSids(subSid));
        created.removeAll(subBefore);
        assertThat(created).as("messages created for %s (bodies: %s)", script, bodies(created))
                .containsExactlyInAnyOrderElementsOf(messages);

        // The steady client on the other account still sends, and that account changed by its message alone.
        String sent = steady.submit(steadyNumber, "+12065550199", "still here", false);
        assertThat(sent).startsWith("SM");
        assertThat(count(SmscHarness.ACCOUNT_SID)).isEqualTo(mainBefore + 1);
    }

    /** A bound client that sends 30 submits without waiting: past the window of 3 they are answered ESME_RTHROTTLED. */
    @net.jqwik.api.Example
    void aFloodPastTheWindowIsThrottledAndOnlyAcknowledgedSubmitsBecomeMessages() throws Exception {
        int before = count(subSid);
        List<int[]> headers = new ArrayList<>();
        List<String> acknowledged = new ArrayList<>();
        try (Socket socket = bound()) {
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            for (int i = 0; i < 30; i++) {
                flood.writeBytes(submit("window " + i, 100 + i));
            }
            socket.getOutputStream().write(flood.toByteArray());
            socket.setSoTimeout(250);
            parse(readUntilQuiet(socket.getInputStream()), headers, acknowledged);
        }
        List<int[]> responses = headers.stream().filter(h -> h[0] == SMPPConstant.CID_SUBMIT_SM_RESP).toList();
        assertThat(responses).hasSize(30);
        assertThat(responses).extracting(h -> h[1]).containsOnly(0, SMPPConstant.STAT_ESME_RTHROTTLED)
                .contains(SMPPConstant.STAT_ESME_RTHROTTLED);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3).allMatch(id -> id.startsWith("SM"));
        assertThat(count(subSid)).isEqualTo(before + acknowledged.size());
        await("session gone").atMost(Duration.ofSeconds(15)).until(() -> parley.server().smppSessions() == 1);
    }

    /**
     * Before its bind a connection may send only what a bind needs: a submit_sm of about 300 bytes is refused with
     * {@code generic_nack} ESME_RINVCMDLEN before it is read, and the connection closed (jSMPP would queue it, then
     * close the connection unanswered). Once bound, only a submit_sm may be longer than 1 KiB.
     */
    @net.jqwik.api.Example
    void aPduLongerThanItsCommandNeedsIsRefusedAndTheConnectionClosed() throws Exception {
        int before = count(subSid);
        byte[] unbound = submit("x".repeat(250), 41);
        assertThat(unbound.length).isBetween(257, 1_024);
        assertThat(answerBeforeClose(unbound)).containsExactly(SMPPConstant.CID_GENERIC_NACK,
                SMPPConstant.STAT_ESME_RINVCMDLEN);

        byte[] longSubmit = submit("", 42, new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD
                .code(), "y".repeat(1_500).getBytes(StandardCharsets.US_ASCII)));
        byte[] longEnquire = Arrays.copyOf(header(1_500, SMPPConstant.CID_ENQUIRE_LINK, 43), 1_500);
        List<int[]> headers = new ArrayList<>();
        List<String> acknowledged = new ArrayList<>();
        try (Socket socket = bound()) {
            socket.getOutputStream().write(longSubmit);
            parse(readPdu(socket.getInputStream()), headers, acknowledged);
            socket.getOutputStream().write(longEnquire);
            parse(readUntilClosed(socket.getInputStream()), headers, acknowledged);
        }
        // Besides its answers the server may send unbind as it closes, and a receipt owed for an earlier submit.
        assertThat(headers).filteredOn(h -> (h[0] & 0x80000000) != 0).extracting(h -> h[0] + "/" + h[1])
                .containsExactly(SMPPConstant.CID_SUBMIT_SM_RESP + "/0",
                        SMPPConstant.CID_GENERIC_NACK + "/" + SMPPConstant.STAT_ESME_RINVCMDLEN);
        assertThat(acknowledged).hasSize(1);
        assertThat(parley.get("/2010-04-01/Accounts/" + subSid + "/Messages/" + acknowledged.get(0) + ".json").json()
                .get("body").asText()).isEqualTo("y".repeat(1_500));
        assertThat(count(subSid)).isEqualTo(before + 1);
        await("sessions gone").atMost(Duration.ofSeconds(15)).until(() -> parley.server().smppSessions() == 1);
    }

    /**
     * A bound client's submit_sm that does not decode is answered by jSMPP within 1 KiB; a longer one ends the
     * connection unanswered, so that what waits for the session's threads outside its window stays small.
     */
    @net.jqwik.api.Example
    void aLongSubmitThatDoesNotDecodeEndsTheConnection() throws Exception {
        int before = count(subSid);
        List<Integer> answers = new ArrayList<>();
        for (int payload : new int[] {500, 1_500}) {
            byte[] broken = submit("", 44, new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD
                    .code(), "z".repeat(payload).getBytes(StandardCharsets.US_ASCII)));
            broken[16] = 'A'; // service_type loses its NUL and runs into the fields after it
            List<int[]> headers = new ArrayList<>();
            try (Socket socket = bound()) {
                socket.getOutputStream().write(broken);
                if (payload < 1_000) {
                    socket.setSoTimeout(250);
                    parse(readUntilQuiet(socket.getInputStream()), headers, new ArrayList<>());
                } else {
                    parse(readUntilClosed(socket.getInputStream()), headers, new ArrayList<>());
                }
            }
            headers.stream().filter(h -> h[0] == SMPPConstant.CID_SUBMIT_SM_RESP).forEach(h -> answers.add(h[1]));
            answers.add(-1);
        }
        // The short one: one submit_sm_resp with an error status; the long one: none before the close.
        assertThat(answers).hasSize(3).endsWith(-1, -1);
        assertThat(answers.get(0)).isNotIn(-1, 0);
        assertThat(count(subSid)).isEqualTo(before);
        await("sessions gone").atMost(Duration.ofSeconds(15)).until(() -> parley.server().smppSessions() == 1);
    }

    /**
     * SMPP lets a client answer a {@code deliver_sm} with a bare header; jSMPP's decoder expects the empty message_id.
     * Parley takes such an answer as it would with the body: the receipt is delivered once, not again after a timeout.
     */
    @net.jqwik.api.Example
    void aReceiptAnsweredWithABareHeaderIsNotSentAgain() throws Exception {
        String sid;
        List<Integer> receipts = new ArrayList<>();
        try (Socket socket = bound()) {
            socket.getOutputStream().write(submit("bare header", 45));
            long end = System.nanoTime() + 20_000_000_000L;
            sid = null;
            long quietFrom = Long.MAX_VALUE;
            socket.setSoTimeout(250);
            while (System.nanoTime() < Math.min(end, quietFrom)) {
                byte[] pdu;
                try {
                    pdu = readPdu(socket.getInputStream());
                } catch (SocketTimeoutException e) {
                    continue;
                }
                ByteBuffer b = ByteBuffer.wrap(pdu);
                int id = b.getInt(4);
                int sequence = b.getInt(12);
                if (id == SMPPConstant.CID_SUBMIT_SM_RESP && sequence == 45) {
                    assertThat(b.getInt(8)).as("submit accepted").isZero();
                    sid = new String(pdu, 16, pdu.length - 17, StandardCharsets.US_ASCII);
                } else if (id == SMPPConstant.CID_DELIVER_SM) {
                    String body = new String(pdu, StandardCharsets.ISO_8859_1);
                    if (sid != null && body.contains("id:" + sid)) {
                        receipts.add(sequence);
                        // Long enough for a deliver_sm whose answer jSMPP lost to time out and go again.
                        quietFrom = System.nanoTime() + 8_000_000_000L;
                    }
                    socket.getOutputStream().write(header(16, SMPPConstant.CID_DELIVER_SM_RESP, sequence));
                }
            }
        }
        assertThat(sid).as("the submit's message SID").startsWith("SM");
        assertThat(receipts).as("deliver_sm receipts for %s", sid).hasSize(1);
    }

    /** A connection bound as a transceiver of the hostile account's credential, its bind_resp read and checked. */
    private static Socket bound() throws IOException, PDUStringException {
        Socket socket = new Socket("127.0.0.1", parley.smppPort());
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(PDU.bind(SMPPConstant.CID_BIND_TRANSCEIVER, 1, systemId, "fuzz1", "",
                (byte) 0x34, (byte) 0, (byte) 0, null));
        List<int[]> headers = new ArrayList<>();
        parse(readPdu(socket.getInputStream()), headers, new ArrayList<>());
        assertThat(headers).extracting(h -> h[0] + "/" + h[1])
                .containsExactly(SMPPConstant.CID_BIND_TRANSCEIVER_RESP + "/0");
        return socket;
    }

    /** The command and status of each answer to {@code pdu}, sent first on a new connection, until it is closed. */
    private static List<Integer> answerBeforeClose(byte[] pdu) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", parley.smppPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(pdu);
            List<int[]> headers = new ArrayList<>();
            parse(readUntilClosed(socket.getInputStream()), headers, new ArrayList<>());
            return headers.stream().filter(h -> (h[0] & 0x80000000) != 0)
                    .flatMap(h -> java.util.stream.Stream.of(h[0], h[1])).toList();
        }
    }

    /** Everything the server sends until it closes the connection (the socket's timeout fails the read). */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    @Provide
    Arbitrary<Script> scripts() {
        Arbitrary<Script> random = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300))
                .as((bind, bytes) -> new Script(bind, "random", bytes));
        Arbitrary<Script> mutated = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 5), Arbitraries.integers(), Arbitraries.integers().between(0, 400),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40).withCharRange(' ', '~'))
                .as((bind, how, value, at, text) -> new Script(bind, "mutated#" + how, mutate(submit(text, 2), how,
                        value, at)));
        Arbitrary<Script> flood = Arbitraries.integers().between(4, 40).map(n -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                all.writeBytes(submit("flood " + i, 10 + i));
            }
            return new Script(true, "flood of " + n, all.toByteArray());
        });
        Arbitrary<Script> oversize = Arbitraries.integers().between(8_193, Integer.MAX_VALUE)
                .map(len -> new Script(true, "oversize", header(len, SMPPConstant.CID_SUBMIT_SM, 7)));
        return Arbitraries.oneOf(random, mutated, flood, oversize);
    }

    private static byte[] submit(String text, int sequence, OptionalParameter... tlvs) {
        try {
            return PDU.submitSm(sequence, "", (byte) 1, (byte) 1, number.substring(1), (byte) 1, (byte) 1,
                    "1206555" + String.format("%04d", sequence % 10_000), (byte) 0, (byte) 0, (byte) 0, null, null,
                    (byte) 1, (byte) 0, (byte) 0, (byte) 0, text.getBytes(StandardCharsets.US_ASCII), tlvs);
        } catch (PDUStringException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid submit_sm broken one way: its length, its command id, some bytes, cut short, or a truncated TLV. */
    private static byte[] mutate(byte[] pdu, int how, int value, int at) {
        byte[] out = pdu.clone();
        switch (how) {
            case 0 -> ByteBuffer.wrap(out).putInt(0, value);
            case 1 -> ByteBuffer.wrap(out).putInt(4, value & 0x7fffffff);
            case 2 -> {
                out[16 + Math.floorMod(at, out.length - 16)] ^= (byte) (value | 1);
                out[16 + Math.floorMod(value, out.length - 16)] = (byte) at;
            }
            case 3 -> out = Arrays.copyOf(out, 16 + Math.floorMod(at, out.length - 16));
            case 4 -> {
                // message_payload TLV claiming more bytes than follow; the PDU's own length covers what is there.
                ByteBuffer tlv = ByteBuffer.allocate(6).putShort((short) 0x0424).putShort((short) (value & 0x7fff))
                        .put((byte) 'x').put((byte) 'y');
                out = Arrays.copyOf(out, out.length + 6);
                System.arraycopy(tlv.array(), 0, out, pdu.length, 6);
                ByteBuffer.wrap(out).putInt(0, out.length);
            }
            default -> {
                ByteBuffer.wrap(out).putInt(4, SMPPConstant.CID_SUBMIT_SM);
                ByteBuffer.wrap(out).putInt(0, 16);
                out = Arrays.copyOf(out, 16);
            }
        }
        return out;
    }

    private static byte[] header(int length, int id, int sequence) {
        return ByteBuffer.allocate(16).putInt(length).putInt(id).putInt(0).putInt(sequence).array();
    }

    /** Everything the server sends until it closes or stays quiet for the socket's timeout (at most 20 s in all). */
    /**
     * What the server sends until it closes, or sends no response for 2 s (the deliver_sm it may push to a bound
     * transceiver, and repeat when unanswered, do not count), or 20 s have passed. The socket's timeout is shorter.
     */
    private static byte[] readUntilQuiet(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long end = System.nanoTime() + 20_000_000_000L;
        long lastResponse = System.nanoTime();
        long responses = 0;
        byte[] buf = new byte[4096];
        while (System.nanoTime() < end && System.nanoTime() - lastResponse < 2_000_000_000L) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
                List<int[]> headers = new ArrayList<>();
                parse(got.toByteArray(), headers, new ArrayList<>());
                long now = headers.stream().filter(h -> (h[0] & 0x80000000) != 0).count();
                if (now > responses) {
                    responses = now;
                    lastResponse = System.nanoTime();
                }
            } catch (SocketTimeoutException e) {
                // Look at the clock again.
            }
        }
        return got.toByteArray();
    }

    /** One whole PDU, as its command_length says. */
    private static byte[] readPdu(InputStream in) throws IOException {
        byte[] header = in.readNBytes(16);
        int length = header.length < 4 ? 16 : ByteBuffer.wrap(header).getInt();
        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        pdu.writeBytes(header);
        pdu.writeBytes(in.readNBytes(Math.max(0, Math.min(length, 1 << 16) - header.length)));
        return pdu.toByteArray();
    }

    private static void parse(byte[] bytes, List<int[]> headers, List<String> acknowledged) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.remaining() >= 16) {
            int start = b.position();
            int length = b.getInt();
            int id = b.getInt();
            int status = b.getInt();
            b.getInt();
            headers.add(new int[] {id, status});
            if (length < 16 || length > bytes.length - start) {
                break;
            }
            if (id == SMPPConstant.CID_SUBMIT_SM_RESP && status == 0) {
                int nul = start + 16;
                while (nul < start + length && bytes[nul] != 0) {
                    nul++;
                }
                acknowledged.add(new String(bytes, start + 16, nul - start - 16, StandardCharsets.US_ASCII));
            }
            b.position(start + length);
        }
    }

    /** The SIDs of the account's messages once two reads 150 ms apart agree (no submit is still committing). */
    private static List<String> settledSids(String account) {
        AtomicReference<List<String>> last = new AtomicReference<>();
        await("messages settled").pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(150))
                .atMost(Duration.ofSeconds(15)).until(() -> {
                    List<String> now = new ArrayList<>();
                    parley.get("/2010-04-01/Accounts/" + account + "/Messages.json?PageSize=1000").json()
                            .get("messages").forEach(m -> now.add(m.get("sid").asText()));
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    private static List<String> bodies(List<String> sids) {
        return sids.stream().map(sid -> parley.get("/2010-04-01/Accounts/" + subSid + "/Messages/" + sid + ".json")
                .json().path("body").asText()).toList();
    }

    private static int count(String account) {
        return parley.get("/2010-04-01/Accounts/" + account + "/Messages.json?PageSize=1000").json()
                .get("messages").size();
    }

    private static long pduReaders() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("PDUReaderWorker") || t.getName().startsWith("EnquireLinkSender"))
                .count();
    }
}
