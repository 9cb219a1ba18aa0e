package dev.parley.channels.smpp.server;

import dev.parley.channels.smpp.DecodedPart;
import dev.parley.channels.smpp.SmppCodec;
import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.error.ApiException;
import dev.parley.core.inbound.ConcatKey;
import dev.parley.core.inbound.Concatenation;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.Message;
import dev.parley.core.smsc.SmppCredential;
import dev.parley.core.smsc.SmppSubmit;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * A bound client's {@code submit_sm}: the REST API's path. The text is decoded ({@link SmppCodec}), the addresses made
 * Parley's ({@link SmppAddresses}), and {@link SubmitAssembly#create} creates an {@code outbound-api} message with
 * the credential's status callback, in the transaction that also records the submit ({@code smpp_submits}); the
 * {@code submit_sm_resp} carries the message SID only after that commit. A part of a concatenated message is stored
 * until its last part is in ({@link PartAssembly}); each part's response carries its own id ({@code SP…}). Refusals
 * become the {@code command_status} of ADR 0026's table; nothing is written for them. Other operations are refused.
 */
final class SubmitHandler implements org.jsmpp.session.ServerMessageReceiverListener {
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;
    private final Function<String, ClientBind> binds;
    private final Concatenation concatenation;
    private final SubmitAssembly assembly;
    private final boolean gsm7Packed;
    private final ConcurrentHashMap<String, SubmitRate> rates = new ConcurrentHashMap<>();

    SubmitHandler(SmppServer.Parts p, Function<String, ClientBind> binds, boolean gsm7Packed) {
        this.storage = p.storage();
        this.ids = p.ids();
        this.clock = p.clock();
        this.concatenation = p.concatenation();
        this.assembly = p.assembly();
        this.binds = binds;
        this.gsm7Packed = gsm7Packed;
    }

    /** A credential's new rate takes effect on its next submit. */
    void rateChanged(SmppCredential c) {
        SubmitRate rate = rates.get(c.sid());
        if (rate != null) {
            rate.rate(c.limits().maxSubmitsPerSecond());
        }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session)
            throws ProcessRequestException {
        ClientBind bind = binds.apply(session.getSessionId());
        try {
            SmppCredential c = bind == null ? null : bind.credential();
            if (c == null) {
                throw new ProcessRequestException("submit_sm before a bind", SMPPConstant.STAT_ESME_RINVBNDSTS);
            }
            // A submit read in the same burst as its bind, before the bind was up, was not counted when read.
            if (!bind.submits().holds(submit.getSequenceNumber()) && !bind.submits().tryEnter(
                    submit.getSequenceNumber(), c.limits().window(), System.nanoTime())) {
                throw new ProcessRequestException("SMPP window full (inflight=" + bind.submits().size() + ", window="
                        + c.limits().window() + ", bind=" + bind + ")", SMPPConstant.STAT_ESME_RTHROTTLED);
            }
            if (!rates.computeIfAbsent(c.sid(), k -> new SubmitRate(clock, c.limits().maxSubmitsPerSecond()))
                    .tryTake()) {
                throw new ProcessRequestException("SMPP submit rate over its limit (maxSubmitsPerSecond="
                        + c.limits().maxSubmitsPerSecond() + ", bind=" + bind + ")", SMPPConstant.STAT_ESME_RTHROTTLED);
            }
            DecodedPart part = decode(submit, bind);
            Submit s = new Submit(c, SmppAddresses.source(submit.getSourceAddrTon(), submit.getSourceAddr()),
                    SmppAddresses.destination(submit.getDestAddress()), part, receipt(submit));
            String id = part.concat() == null ? whole(s) : part(s);
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (ApiException e) {
            throw new ProcessRequestException(e.getMessage(), SubmitStatus.of(e));
        } catch (PDUStringException e) {
            throw new ProcessRequestException("message id " + e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
        } finally {
            if (bind != null) {
                bind.submits().leave(submit.getSequenceNumber());
            }
        }
    }

    private record Submit(SmppCredential credential, String from, String to, DecodedPart part, int receipt) {
    }

    private DecodedPart decode(SubmitSm submit, ClientBind bind) throws ProcessRequestException {
        try {
            return SmppCodec.decode(submit.getDataCoding(), submit.getEsmClass(), submit.getShortMessage(),
                    submit.getOptionalParameters(), gsm7Packed);
        } catch (IllegalArgumentException e) {
            throw new ProcessRequestException("cannot read the submit's text (data_coding=" + submit.getDataCoding()
                    + ", esm_class=" + submit.getEsmClass() + ", bind=" + bind + "): " + e.getMessage(),
                    SMPPConstant.STAT_ESME_RSUBMITFAIL);
        }
    }

    /** {@code registered_delivery}'s SMSC receipt bits; the reserved value 3 asks for none. */
    private static int receipt(SubmitSm submit) {
        int bits = submit.getRegisteredDelivery() & 0x03;
        return bits == 3 ? SmppSubmit.NO_RECEIPT : bits;
    }

    /** A whole message: created with its submit row in one transaction; its id is the message SID. */
    private String whole(Submit s) {
        Instant now = clock.instant();
        return storage.write(tx -> {
            Message m = assembly.create(tx, s.credential(), s.from(), s.to(), s.part().text());
            tx.smppSubmits().insert(new SmppSubmit(m.sid(), s.credential().sid(), m.accountSid(), m.sid(), null,
                    s.receipt(), now));
            return m.sid();
        });
    }

    /**
     * One part of a concatenated message: stored ({@link Concatenation}, "submit" purpose) with its submit row; the
     * part that completes the message creates it with the joined text ({@link SubmitAssembly}) in this same
     * transaction. The message is validated as a whole only then: an earlier part's response says only that the part
     * is stored. A part sent again is answered with a new id and changes nothing else.
     */
    private String part(Submit s) {
        Instant now = clock.instant();
        SmppCredential c = s.credential();
        DecodedPart.Concat concat = s.part().concat();
        ConcatKey key = SubmitAssembly.key(c, s.from(), s.to(), concat.ref(), concat.total());
        String id = ids.sid("SP");
        return storage.write(tx -> {
            if (tx.accounts().find(c.accountSid()).map(Account::status).orElse(AccountStatus.CLOSED)
                    != AccountStatus.ACTIVE) {
                throw ApiException.forbidden("Account " + c.accountSid() + " is not active");
            }
            tx.smppSubmits().insert(new SmppSubmit(id, c.sid(), c.accountSid(), null, SubmitAssembly.text(key),
                    s.receipt(), now));
            concatenation.add(tx, key, concat.seq(), SubmitAssembly.PURPOSE, s.part().text(), c.sid());
            return id;
        });
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("submit_multi is not supported: one submit_sm per recipient",
                SMPPConstant.STAT_ESME_RSUBMITFAIL);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("query_sm is not supported: receipts and the REST API say the status",
                SMPPConstant.STAT_ESME_RQUERYFAIL);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("replace_sm is not supported", SMPPConstant.STAT_ESME_RREPLACEFAIL);
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("cancel_sm is not supported", SMPPConstant.STAT_ESME_RCANCELFAIL);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("broadcast_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("cancel_broadcast_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
            SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("query_broadcast_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported: send submit_sm", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
