package dev.parley.core.smsc;

import java.util.List;

/**
 * Which messages came over which SMPP credential: one row per accepted {@code submit_sm}, written in the transaction
 * that creates its message (or stores its part). Runs in the caller's transaction.
 */
public interface SmppSubmitStore {

    void insert(SmppSubmit submit);

    /** The submits of message {@code messageSid}, in the order they were accepted. Empty for any other message. */
    List<SmppSubmit> forMessage(String messageSid);

    /** Ties the parts stored under {@code concatKey} to the message they became; returns how many. */
    int attach(String credentialSid, String concatKey, String messageSid);
}
