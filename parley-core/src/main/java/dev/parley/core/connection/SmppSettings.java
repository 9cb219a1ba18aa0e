package dev.parley.core.connection;

import java.time.Duration;

/**
 * One SMPP 3.4 carrier connection, Parley acting as ESME: where to bind, as whom, and how to send. Built from
 * {@code POST /parley/v1/Channels} ({@code Type=smpp}) or from the configuration file, validated by
 * {@code ChannelConnectionService}; consumed by the SMPP adapter in {@code parley-channels}.
 *
 * @param host                the SMSC's host name or address
 * @param port                its TCP port
 * @param tls                 TLS on the connection
 * @param systemId            {@code system_id} of the bind (at most 15 characters)
 * @param password            {@code password} of the bind (at most 8 characters); a secret: never echoed or logged
 * @param systemType          {@code system_type} of the bind (may be empty)
 * @param bindType            one transceiver bind, or a transmitter and a receiver, per bind
 * @param binds               how many binds (of {@code bindType}) to keep up
 * @param window              how many {@code submit_sm} may await their response on one bind
 * @param maxSubmitsPerSecond the most {@code submit_sm} per second over all binds (0: no limit)
 * @param enquireLinkInterval how often an idle bind sends {@code enquire_link}
 * @param reconnectMin        first wait before binding again after a lost or refused bind
 * @param reconnectMax        the longest such wait (the wait doubles up to it)
 * @param responseTimeout     how long a {@code submit_sm} waits for its response before the bind is deemed broken
 * @param sourceTon           TON of a numeric sender (an alphanumeric sender always goes with TON 5)
 * @param sourceNpi           NPI of a numeric sender
 * @param destTon             TON of the destination
 * @param destNpi             NPI of the destination
 * @param defaultDataCoding   what text Parley sends as GSM-7 goes out as: the SMSC default alphabet (GSM-7), IA5 or
 *                            Latin-1 ({@code data_coding} 0, 1 or 3); UCS-2 text always goes as 8
 * @param gsm7Packed          GSM-7 septets packed (7 bits each) rather than one per octet
 * @param split               how a long message is split
 * @param responseIds         how the SMSC writes message ids in {@code submit_sm_resp}
 * @param receiptIds          how it writes them in receipts ({@code deliver_sm} text and TLVs)
 * @param failover            the channel to send on while this one has no bind up or fails with system errors
 *                            (null: none)
 */
public record SmppSettings(
        String host,
        int port,
        boolean tls,
        String systemId,
        String password,
        String systemType,
        BindType bindType,
        int binds,
        int window,
        double maxSubmitsPerSecond,
        Duration enquireLinkInterval,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration responseTimeout,
        int sourceTon,
        int sourceNpi,
        int destTon,
        int destNpi,
        DataCoding defaultDataCoding,
        boolean gsm7Packed,
        Split split,
        IdFormat responseIds,
        IdFormat receiptIds,
        String failover) {

    public static final int DEFAULT_PORT = 2775;
    public static final int DEFAULT_BINDS = 1;
    public static final int DEFAULT_WINDOW = 10;
    public static final Duration DEFAULT_ENQUIRE_LINK = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    /** {@code password} never leaves through {@link #toString()}. */
    @Override
    public String toString() {
        return "SmppSettings[" + systemId + "@" + host + ":" + port + (tls ? " tls" : "") + ", " + bindType + " x"
                + binds + ", window " + window + "]";
    }

    public enum BindType {
        TRANSCEIVER, TRANSMITTER_RECEIVER
    }

    /** The {@code data_coding} of text that fits GSM-7. */
    public enum DataCoding {
        /** 0: the SMSC's default alphabet, taken as GSM 03.38. */
        SMSC_DEFAULT(0),
        /** 1: IA5 (ASCII); text outside ASCII goes as UCS-2. */
        IA5(1),
        /** 3: ISO-8859-1; text outside Latin-1 goes as UCS-2. */
        LATIN1(3);

        private final int code;

        DataCoding(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** How a message longer than one segment is split. */
    public enum Split {
        /** A user data header with an 8-bit reference in each segment ({@code esm_class} 0x40). */
        UDH8,
        /** A user data header with a 16-bit reference. */
        UDH16,
        /** The {@code sar_msg_ref_num}, {@code sar_total_segments}, {@code sar_segment_seqnum} TLVs. */
        SAR,
        /** One {@code submit_sm} carrying the whole text in the {@code message_payload} TLV; the SMSC splits it. */
        PAYLOAD
    }

    /** How an SMSC writes a message id: as it is, or a number in decimal or hexadecimal (matched as numbers). */
    public enum IdFormat {
        STRING, DECIMAL, HEX
    }
}
