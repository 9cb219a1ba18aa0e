package dev.parley.core.message;

/** Opt-outs per (account, sender, recipient): the recipient sent STOP to that sender. */
public interface OptOutStore {

    boolean isOptedOut(String accountSid, String sender, String recipient);

    void optOut(String accountSid, String sender, String recipient, java.time.Instant at);

    void optIn(String accountSid, String sender, String recipient);
}
