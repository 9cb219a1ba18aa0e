package dev.parley.channels.smpp;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.error.ApiException;
import dev.parley.core.inbound.ConcatKey;
import dev.parley.core.inbound.Concatenation;
import dev.parley.core.inbound.InboundCompletion;
import dev.parley.core.inbound.InboundMessage;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.number.ShortCode;
import dev.parley.core.service.SenderPool;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.util.List;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A carrier's mobile-originated SMS ({@code deliver_sm} that is not a receipt) into Parley's inbound path (issue 13,
 * item 4). The text is decoded ({@link SmppCodec}); the addresses become Parley's ({@link SmppAddresses}: the
 * destination first, whose country reads a national sender). A whole message goes to
 * {@link InboundService#receive} (opt-out keywords, conversations, the number's webhook); a part of a concatenated
 * one is stored through {@link Concatenation} with purpose {@value InboundCompletion#PURPOSE}, and the part that
 * completes it delivers the whole text in the same transaction. {@link #deliver} returns only after that transaction
 * committed, so the bind's ESME_ROK always means durable.
 *
 * <p>Refusals, as {@code command_status}: undecodable content (a malformed user data header or concatenation values)
 * ESME_RINVMSGLEN; a sender that is not a phone number (alphanumeric senders included: Parley's inbound messages come
 * from numbers, which can be answered and opted out) ESME_RINVSRCADR; a destination that is not a number or short code
 * of an account ESME_RINVDSTADR; another refusal of the inbound path ESME_RX_P_APPN; anything else (the store failed)
 * ESME_RSYSERR, which the SMSC retries.
 */
public final class SmppInbound implements SmppMoHandler {
    private static final Logger log = LoggerFactory.getLogger(SmppInbound.class);

    private final Storage storage;
    private final InboundService inbound;
    private final Concatenation concatenation;
    private final boolean gsm7Packed;

    /**
     * @param concatenation must have an {@link InboundCompletion} over the same {@code inbound}
     * @param gsm7Packed    the connection's setting: how {@code data_coding} 0 is read
     */
    public SmppInbound(Storage storage, InboundService inbound, Concatenation concatenation, boolean gsm7Packed) {
        this.storage = storage;
        this.inbound = inbound;
        this.concatenation = concatenation;
        this.gsm7Packed = gsm7Packed;
    }

    /** The {@code channel} of the inbound messages and concatenation keys of connection {@code channelName}. */
    public static String channel(String channelName) {
        return "smpp:" + channelName;
    }

    @Override
    public void deliver(String channelName, DeliverSm pdu) throws ProcessRequestException {
        DecodedPart part;
        try {
            part = SmppCodec.decode(pdu.getDataCoding(), pdu.getEsmClass(), pdu.getShortMessage(),
                    pdu.getOptionalParameters(), gsm7Packed);
        } catch (IllegalArgumentException e) {
            throw refuse(channelName, pdu, SMPPConstant.STAT_ESME_RINVMSGLEN, e.getMessage());
        }
        String to = SmppAddresses.destination(pdu.getDestAddress(), pdu.getDestAddrTon(), null)
                .or(() -> SmppAddresses.e164(pdu.getSourceAddr(), pdu.getSourceAddrTon(), null)
                        .flatMap(from -> SmppAddresses.destination(pdu.getDestAddress(), pdu.getDestAddrTon(),
                                SmppAddresses.regionOf(from))))
                .orElseThrow(() -> refuse(channelName, pdu, SMPPConstant.STAT_ESME_RINVDSTADR,
                        "destination is not a phone number or short code"));
        if (pdu.getSourceAddrTon() == SmppAddresses.TON_ALPHANUMERIC) {
            throw refuse(channelName, pdu, SMPPConstant.STAT_ESME_RINVSRCADR,
                    "an alphanumeric sender cannot send Parley an inbound message");
        }
        String region = ShortCode.isCode(to) ? null : SmppAddresses.regionOf(to);
        String from = SmppAddresses.e164(pdu.getSourceAddr(), pdu.getSourceAddrTon(), region)
                .orElseThrow(() -> refuse(channelName, pdu, SMPPConstant.STAT_ESME_RINVSRCADR,
                        "sender is not a phone number"));
        String channel = channel(channelName);
        try {
            if (part.concat() == null) {
                inbound.receive(null, new InboundMessage(channel, from, to, part.text(), List.of()));
            } else {
                DecodedPart.Concat c = part.concat();
                storage.writeVoid(tx -> concatenation.add(tx, new ConcatKey(accountOf(tx, from, to), channel, from,
                        to, c.ref(), c.total()), c.seq(), InboundCompletion.PURPOSE, part.text(), null));
            }
        } catch (ApiException e) {
            int status = switch (e.code()) {
                case 21606, 21211, 63003 -> SMPPConstant.STAT_ESME_RINVDSTADR;
                case 21212 -> SMPPConstant.STAT_ESME_RINVSRCADR;
                default -> SMPPConstant.STAT_ESME_RX_P_APPN;
            };
            throw refuse(channelName, pdu, status, e.code() + " " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("deliver_sm from {} to {} over {} not stored; answering ESME_RSYSERR for the SMSC to retry",
                    from, to, channelName, e);
            throw new ProcessRequestException("system error: " + e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR, e);
        }
    }

    /** The account that owns {@code to}: a number, or a short code of the sender's country (21606 when none). */
    private static String accountOf(Tx tx, String from, String to) {
        if (ShortCode.isCode(to)) {
            String country = SenderPool.countryOf(new PhoneNumber(from));
            return tx.shortCodes().findByCode(country, to).map(ShortCode::accountSid)
                    .orElseThrow(() -> ApiException.badRequest(21606, "The 'To' short code " + to
                            + " is not a short code of any account in the sender's country (" + country + ")."));
        }
        return tx.numbers().findByNumber(new PhoneNumber(to)).map(n -> n.accountSid())
                .orElseThrow(() -> ApiException.badRequest(21606, "The 'To' number " + to
                        + " is not a phone number of any account."));
    }

    private static ProcessRequestException refuse(String channelName, DeliverSm pdu, int status, String why) {
        String message = String.format("deliver_sm refused with 0x%02X (channel=%s, from=%s/ton %d, to=%s/ton %d): %s",
                status, channelName, pdu.getSourceAddr(), pdu.getSourceAddrTon(), pdu.getDestAddress(),
                pdu.getDestAddrTon(), why);
        log.info(message);
        return new ProcessRequestException(message, status);
    }
}
