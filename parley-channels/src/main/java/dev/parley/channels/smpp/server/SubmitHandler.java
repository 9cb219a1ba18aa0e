package dev.parley.channels.smpp.server;

import dev.parley.channels.smpp.DecodedPart;
import dev.parley.channels.smpp.SmppCodec;
import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.SendRequest;
import dev.parley.core.smsc.SmppCredential;
import dev.parley.core.smsc.SmppSubmit;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * Parley's ({@link SmppAddresses}), and {@link MessageService#createIn} creates an {@code outbound-api} message with
 * the credential's status callback, in the transaction that also records the submit ({@code smpp_submits}); the
 * {@code submit_sm_resp} carries the message SID only after that commit. A part of a concatenated message is stored
 * until its last part is in ({@link PartAssembly}); each part's response carries its own id ({@code SP…}). Refusals
 * become the {@code command_status} of ADR 0026's table; nothing is written for them. Other operations are refused.
 */
final class SubmitHandler implements org.jsmpp.session.ServerMessageReceiverListener {
    private final Storage storage;
    private final MessageService messages;
    private final IdGenerator ids;
    private final Clock clock;
    private final Function<String, ClientBind> binds;
    private final PartAssembly parts;
    private final boolean gsm7Packed;
    private final ConcurrentHashMap<String, SubmitRate> rates = new ConcurrentHashMap<>();

    SubmitHandler(SmppServer.Parts p, PartAssembly parts, Function<String, ClientBind> binds, boolean gsm7Packed) {
        this.storage = p.storage();
        this.messages = p.messages();
        this.ids = p.ids();
        this.clock = p.clock();
        this.parts = parts;
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
            if (!rates.computeIfAbsent(c.sid(), k -> new SubmitRate(clock, c.limits().maxSubmitsPerSecond()))
                    .tryTake()) {
                throw new ProcessRequestException("SMPP submit rate over its limit (maxSubmitsPerSecond="
                        + c.limits().maxSubmitsPerSecond() + ", bind=" + bind + ")", SMPPConstant.STAT_ESME_RTHROTTLED);
            }
            DecodedPart part = decode(submit, bind);
            if (part.concat() != null && parts == null) {
                throw new ProcessRequestException("concatenated submits are not assembled in this build (bind=" + bind
                        + ")", SMPPConstant.STAT_ESME_RSUBMITFAIL);
            }
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
        SendRequest request(String body) {
            Message.StatusCallback cb = credential.statusCallback();
            return new SendRequest(credential.accountSid(), to, from, null, body, List.of(), cb.url(), cb.method(),
                    false, Direction.OUTBOUND_API);
        }
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
            Message m = create(tx, s, s.part().text());
            tx.smppSubmits().insert(new SmppSubmit(m.sid(), s.credential().sid(), m.accountSid(), m.sid(), null,
                    s.receipt(), now));
            return m.sid();
        });
    }

    /**
     * One part of a concatenated message: stored with its submit row; the part that completes the message creates it
     * (with the joined text) and ties the parts' rows to it. The message is validated as a whole only then: a part's
     * own response says only that the part is stored.
     */
    private String part(Submit s) {
        Instant now = clock.instant();
        SmppCredential c = s.credential();
        DecodedPart.Concat concat = s.part().concat();
        String key = c.sid() + ":" + s.from() + ":" + s.to() + ":" + concat.ref() + ":" + concat.total();
        String id = ids.sid("SP");
        return storage.write(tx -> {
            checkAccount(tx, c);
            tx.smppSubmits().insert(new SmppSubmit(id, c.sid(), c.accountSid(), null, key, s.receipt(), now));
            parts.add(tx, new PartAssembly.Part(c.accountSid(), key, concat, s.part().text()), body -> {
                Message m = create(tx, s, body);
                tx.smppSubmits().attach(c.sid(), key, m.sid());
                return m.sid();
            });
            return id;
        });
    }

    private Message create(Tx tx, Submit s, String body) {
        checkAccount(tx, s.credential());
        return messages.createIn(tx, s.request(body), false);
    }

    /** A suspended or closed account sends nothing, over a bind made while it was active too. */
    private static void checkAccount(Tx tx, SmppCredential c) {
        AccountStatus status = tx.accounts().find(c.accountSid()).map(Account::status).orElse(AccountStatus.CLOSED);
        if (status != AccountStatus.ACTIVE) {
            throw ApiException.forbidden("Account " + c.accountSid() + " is " + status.wire());
        }
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
