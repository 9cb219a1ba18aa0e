package dev.parley.channels.smpp;

import org.jsmpp.bean.OptionalParameter;

/**
 * One {@code submit_sm} as Parley sends it: addresses with their TON/NPI, and one segment's contents.
 *
 * @param receipt whether {@code registered_delivery} asks the SMSC for a receipt (success and failure)
 */
record SubmitRequest(byte sourceTon, byte sourceNpi, String source, byte destTon, byte destNpi, String destination,
        byte esmClass, byte dataCoding, byte[] shortMessage, OptionalParameter[] tlvs, boolean receipt) {
}
