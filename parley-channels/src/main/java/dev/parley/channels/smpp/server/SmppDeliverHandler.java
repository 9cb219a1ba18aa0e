package dev.parley.channels.smpp.server;

import dev.parley.core.message.encoding.Gsm7;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.smsc.SmppDelivery;
import dev.parley.core.tx.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code smpp.deliver}: one {@code deliver_sm} (a receipt or a handset's message, {@link SmppDelivery}) to a receiving
 * bind of its credential. Done only on {@code deliver_sm_resp} ESME_ROK. With no bind up it tries again, every minute at
 * most, for about a day ({@code SmscDeliveries.MAX_ATTEMPTS}), then stays a dead letter; a refusal or a timeout tries
 * again with the runner's backoff; a deleted credential gives up at once. Up to the credential's window of
 * {@code deliver_sm} per bind are in flight.
 */
public final class SmppDeliverHandler implements JobHandler {
    private static final Logger log = LoggerFactory.getLogger(SmppDeliverHandler.class);
    /** Longest short_message; past it the text goes in message_payload. */
    private static final int SHORT_MESSAGE_MAX = 254;
    private static final byte RECEIPT = 0x04;
    private static final byte UCS2 = 0x08;
    private final Storage storage;
    private final SmppServer server;

    /** {@code server} null: Parley's SMPP server is off; every delivery waits for one (and ends a dead letter). */
    public SmppDeliverHandler(Storage storage, SmppServer server) {
        this.storage = storage;
        this.server = server;
    }

    @Override
    public String kind() {
        return SmppDelivery.JOB_KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        SmppDelivery d;
        try {
            d = SmppDelivery.fromJson(job.payload());
        } catch (IllegalArgumentException e) {
            return new JobOutcome.GiveUp("unreadable smpp.deliver payload: " + e.getMessage(), JobOutcome.NOTHING);
        }
        if (storage.read(tx -> tx.smppCredentials().find(job.accountSid(), d.credentialSid())).isEmpty()) {
            return new JobOutcome.GiveUp("SMPP credential " + d.credentialSid() + " was deleted", JobOutcome.NOTHING);
        }
        Optional<ClientBind> bind = server == null ? Optional.empty() : server.receiverOf(d.credentialSid());
        if (bind.isEmpty()) {
            return JobOutcome.retryAfter(noBindDelay(job.attempts()), "no receiver or transceiver bind of SMPP"
                    + " credential " + d.credentialSid() + " is up" + (server == null ? " (SMPP server off)" : ""));
        }
        ClientBind b = bind.get();
        try {
            if (!b.delivers().tryAcquire(5, TimeUnit.SECONDS)) {
                return JobOutcome.retryAfter(Duration.ofSeconds(1), "SMPP window full (inflight="
                        + b.credential().limits().window() + ", window=" + b.credential().limits().window()
                        + ", bind=" + b + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JobOutcome.retry("interrupted");
        }
        try {
            send(b, d);
            return JobOutcome.DONE;
        } catch (NegativeResponseException e) {
            return JobOutcome.retry("deliver_sm refused with command_status 0x"
                    + Integer.toHexString(e.getCommandStatus()) + " (bind=" + b + ")");
        } catch (ResponseTimeoutException | InvalidResponseException | PDUException | IOException e) {
            return JobOutcome.retry("deliver_sm to " + b + " failed: " + e);
        } catch (RuntimeException e) {
            log.warn("deliver_sm to {} failed", b, e);
            return JobOutcome.retry("deliver_sm to " + b + " failed: " + e);
        } finally {
            b.delivers().release();
        }
    }

    /** 5 s, doubling per attempt, at most a minute: a client that comes back gets its queue within a minute. */
    static Duration noBindDelay(int attempts) {
        return Duration.ofSeconds(Math.min(60, 5L << Math.min(4, Math.max(0, attempts - 1))));
    }

    private static void send(ClientBind b, SmppDelivery d) throws PDUException, ResponseTimeoutException,
            InvalidResponseException, NegativeResponseException, IOException {
        SmppAddresses.Smpp source = SmppAddresses.toSmpp(d.source());
        SmppAddresses.Smpp destination = SmppAddresses.toSmpp(d.destination());
        byte esm;
        byte dataCoding;
        byte[] bytes;
        OptionalParameter[] tlvs;
        if (d.kind() == SmppDelivery.Kind.RECEIPT) {
            SmppDelivery.Receipt r = d.receipt();
            esm = RECEIPT;
            dataCoding = 0;
            bytes = receiptText(r, d.text()).getBytes(StandardCharsets.US_ASCII);
            tlvs = new OptionalParameter[] {new OptionalParameter.Receipted_message_id(r.receiptedId()),
                new OptionalParameter.Message_state((byte) r.messageState())};
        } else {
            String text = d.text() == null ? "" : d.text();
            esm = 0;
            boolean gsm = Gsm7.canEncode(text);
            dataCoding = gsm ? 0 : UCS2;
            bytes = gsm ? Gsm7.encodeUnpacked(text) : text.getBytes(StandardCharsets.UTF_16BE);
            tlvs = new OptionalParameter[0];
            if (bytes.length > SHORT_MESSAGE_MAX) {
                tlvs = new OptionalParameter[] {new OptionalParameter.Message_payload(bytes)};
                bytes = new byte[0];
            }
        }
        b.session().deliverShortMessage("", source.ton(), source.npi(), source.address(), destination.ton(),
                destination.npi(), destination.address(), new ESMClass(esm), (byte) 0, (byte) 0,
                new RegisteredDelivery(0), DataCodings.newInstance(dataCoding), bytes, tlvs);
    }

    /** SMPP 3.4 appendix B: {@code id:… sub:001 dlvrd:… submit date:… done date:… stat:… err:… text:…}. */
    static String receiptText(SmppDelivery.Receipt r, String body) {
        String text = body == null ? "" : body.codePoints().limit(20)
                .map(c -> c >= 0x20 && c < 0x7f ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "id:" + r.receiptedId() + " sub:001 dlvrd:" + ("DELIVRD".equals(r.stat()) ? "001" : "000")
                + " submit date:" + r.submitDate() + " done date:" + r.doneDate() + " stat:" + r.stat()
                + " err:" + String.format("%03d", r.err()) + " text:" + text;
    }
}
