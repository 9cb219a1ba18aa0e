package dev.parley.channels.smpp;

import java.util.Map;

/**
 * SMPP 3.4 {@code command_status} values of a {@code submit_sm_resp}, and what each means for the message (ADR 0024's
 * table): throttling slows the connection and retries, an invalid destination or sender fails the message with
 * Twilio's code, anything else is a system error retried with backoff until the job's last attempt fails it with 30008.
 */
final class SmppStatus {
    static final int ESME_ROK = 0x00;
    static final int ESME_RINVMSGLEN = 0x01;
    static final int ESME_RSYSERR = 0x08;
    static final int ESME_RINVSRCADR = 0x0A;
    static final int ESME_RINVDSTADR = 0x0B;
    static final int ESME_RMSGQFUL = 0x14;
    static final int ESME_RINVDSTTON = 0x50;
    static final int ESME_RINVDSTNPI = 0x51;
    static final int ESME_RINVSRCTON = 0x48;
    static final int ESME_RINVSRCNPI = 0x49;
    static final int ESME_RTHROTTLED = 0x58;
    static final int ESME_RX_T_APPN = 0x64;
    static final int ESME_RX_R_APPN = 0x65;
    static final int ESME_RX_P_APPN = 0x66;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ESME_ROK, "ESME_ROK"),
            Map.entry(ESME_RINVMSGLEN, "ESME_RINVMSGLEN"),
            Map.entry(0x02, "ESME_RINVCMDLEN"),
            Map.entry(0x03, "ESME_RINVCMDID"),
            Map.entry(0x04, "ESME_RINVBNDSTS"),
            Map.entry(0x05, "ESME_RALYBND"),
            Map.entry(ESME_RSYSERR, "ESME_RSYSERR"),
            Map.entry(ESME_RINVSRCADR, "ESME_RINVSRCADR"),
            Map.entry(ESME_RINVDSTADR, "ESME_RINVDSTADR"),
            Map.entry(0x0D, "ESME_RBINDFAIL"),
            Map.entry(0x0E, "ESME_RINVPASWD"),
            Map.entry(0x0F, "ESME_RINVSYSID"),
            Map.entry(ESME_RMSGQFUL, "ESME_RMSGQFUL"),
            Map.entry(0x45, "ESME_RSUBMITFAIL"),
            Map.entry(ESME_RINVSRCTON, "ESME_RINVSRCTON"),
            Map.entry(ESME_RINVSRCNPI, "ESME_RINVSRCNPI"),
            Map.entry(ESME_RINVDSTTON, "ESME_RINVDSTTON"),
            Map.entry(ESME_RINVDSTNPI, "ESME_RINVDSTNPI"),
            Map.entry(ESME_RTHROTTLED, "ESME_RTHROTTLED"),
            Map.entry(ESME_RX_T_APPN, "ESME_RX_T_APPN"),
            Map.entry(ESME_RX_R_APPN, "ESME_RX_R_APPN"),
            Map.entry(ESME_RX_P_APPN, "ESME_RX_P_APPN"));

    /** What a refused submit means for its message. */
    sealed interface Meaning {
        /** The SMSC asks Parley to slow down: wait, slow the connection, submit again. Never fails the message. */
        record Throttled() implements Meaning {
        }

        /** The message can never go this way: it ends {@code failed} with Twilio's {@code errorCode}. */
        record Permanent(int errorCode) implements Meaning {
        }

        /** A system error at the SMSC: retried with backoff; the job's last attempt fails it with 30008. */
        record Temporary() implements Meaning {
        }
    }

    private SmppStatus() {
    }

    /** ADR 0024's table. */
    static Meaning meaning(int commandStatus) {
        return switch (commandStatus) {
            case ESME_RTHROTTLED, ESME_RMSGQFUL -> new Meaning.Throttled();
            // The destination address (or its TON/NPI) is not one the SMSC can route: Twilio's "invalid To".
            case ESME_RINVDSTADR, ESME_RINVDSTTON, ESME_RINVDSTNPI -> new Meaning.Permanent(21211);
            // The sender is not one the SMSC accepts on this account: Twilio's "invalid From".
            case ESME_RINVSRCADR, ESME_RINVSRCTON, ESME_RINVSRCNPI -> new Meaning.Permanent(21212);
            // Refused by the SMSC's own rules for this message (content, destination barred): filtered.
            case ESME_RX_P_APPN -> new Meaning.Permanent(30007);
            // A permanent application error at the SMSC about this destination: unreachable handset.
            case ESME_RX_R_APPN -> new Meaning.Permanent(30003);
            // The segment is malformed for this SMSC: sending it again cannot help.
            case ESME_RINVMSGLEN -> new Meaning.Permanent(30019);
            default -> new Meaning.Temporary();
        };
    }

    /** {@code ESME_RTHROTTLED (0x00000058)}, or the number alone for a status without a name. */
    static String describe(int commandStatus) {
        String hex = String.format("0x%08X", commandStatus);
        String name = NAMES.get(commandStatus);
        return name == null ? hex : name + " (" + hex + ")";
    }
}
