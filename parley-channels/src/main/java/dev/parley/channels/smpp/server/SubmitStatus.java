package dev.parley.channels.smpp.server;

import dev.parley.core.error.ApiException;
import org.jsmpp.SMPPConstant;

/**
 * The {@code command_status} of a {@code submit_sm_resp} for a submit Parley refused with a Twilio error: the table of
 * ADR 0026. A code not listed is a refusal of the submit itself, {@code ESME_RSUBMITFAIL}.
 */
final class SubmitStatus {
    private SubmitStatus() {
    }

    static int of(ApiException e) {
        return switch (e.code()) {
            // The destination: not a number, not a number Parley may reach, or its country refused.
            case 21211, 21604, 21614, 21612, 21408, 21265 -> SMPPConstant.STAT_ESME_RINVDSTADR;
            // The source: not a number, short code or alphanumeric sender of the credential's account.
            case 21212, 21603, 21606, 21659, 21660, 21661 -> SMPPConstant.STAT_ESME_RINVSRCADR;
            // The body: empty, or past 1,600 characters once the parts are joined.
            case 21602, 21617 -> SMPPConstant.STAT_ESME_RINVMSGLEN;
            // The sender's queue past its 10 hours (ADR 7): the client should slow down and try again.
            case 21611 -> SMPPConstant.STAT_ESME_RMSGQFUL;
            // The recipient opted out (STOP) of this sender: permanent, as SMPP 3.4 has no status of its own for it.
            case 21610 -> SMPPConstant.STAT_ESME_RSUBMITFAIL;
            default -> e.httpStatus() >= 500 ? SMPPConstant.STAT_ESME_RSYSERR : SMPPConstant.STAT_ESME_RSUBMITFAIL;
        };
    }
}
