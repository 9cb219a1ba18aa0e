package dev.parley.channels.smpp;

import java.util.List;
import java.util.Objects;
import org.jsmpp.bean.OptionalParameter;

/**
 * The message fields of one {@code submit_sm} (or {@code deliver_sm}) as {@link SmppCodec#encode} builds them: the
 * caller adds addresses, {@code registered_delivery} and any {@code esm_class} bits of its own.
 *
 * @param dataCoding {@code data_coding}
 * @param esmClass   {@code esm_class}: 0x40 (UDHI) when {@code bytes} starts with a user data header, else 0
 * @param bytes      {@code short_message} (empty when the text travels in {@code message_payload})
 * @param tlvs       optional parameters: the SAR TLVs, or {@code message_payload}
 */
public record ShortMessage(byte dataCoding, byte esmClass, byte[] bytes, List<OptionalParameter> tlvs) {

    public ShortMessage {
        Objects.requireNonNull(bytes, "bytes");
        tlvs = List.copyOf(tlvs);
    }

    /** The TLVs as jSMPP's {@code submitShortMessage} takes them. */
    public OptionalParameter[] tlvArray() {
        return tlvs.toArray(OptionalParameter[]::new);
    }
}
