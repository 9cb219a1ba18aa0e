package dev.parley.channels.smpp.server;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.error.ApiException;
import dev.parley.core.inbound.ConcatKey;
import dev.parley.core.inbound.Concatenation;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.SendRequest;
import dev.parley.core.smsc.SmppCredential;
import dev.parley.core.tx.Tx;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of a client's concatenated submit become once {@link Concatenation} has them all ("submit" purpose):
 * one {@code outbound-api} message with the joined text, created in the transaction of the part that completed it, its
 * parts' {@code smpp_submits} rows tied to it. A refusal then refuses that last part ({@code submit_sm_resp} with the
 * error's status). After the timeout, what came is sent with Concatenation's gap marker; a refusal then is logged and
 * dropped, as nobody is waiting for a response. Also the one place a submitted message is created
 * ({@link #create}).
 */
public final class SubmitAssembly implements Concatenation.Completion {
    public static final String PURPOSE = "submit";
    private static final Logger log = LoggerFactory.getLogger(SubmitAssembly.class);
    private final MessageService messages;

    public SubmitAssembly(MessageService messages) {
        this.messages = messages;
    }

    @Override
    public String purpose() {
        return PURPOSE;
    }

    /** The key of a credential's parts: its system id is the channel, the same over all its binds. */
    static ConcatKey key(SmppCredential c, String from, String to, int ref, int total) {
        return new ConcatKey(c.accountSid(), c.systemId(), from == null ? "" : from, to == null ? "" : to, ref, total);
    }

    /** The same key as the {@code smpp_submits.concat_key} text of the parts' rows. */
    static String text(ConcatKey k) {
        return k.channel() + ":" + k.from() + ":" + k.to() + ":" + k.ref() + ":" + k.total();
    }

    @Override
    public void complete(Tx tx, Concatenation.Assembled message) {
        ConcatKey key = message.key();
        Optional<SmppCredential> credential = tx.smppCredentials().find(key.accountSid(), message.context());
        try {
            SmppCredential c = credential.orElseThrow(() -> ApiException.forbidden("SMPP credential "
                    + message.context() + " was deleted before its message was whole"));
            Message m = create(tx, c, key.from(), key.to(), message.text());
            tx.smppSubmits().attach(c.sid(), text(key), m.sid());
        } catch (ApiException e) {
            if (message.isComplete()) {
                throw e;
            }
            log.warn("concatenated submit {} incomplete (parts {} missing) and refused: {} {}", key,
                    message.missing(), e.code(), e.getMessage());
        }
    }

    /**
     * A submitted message, as the REST API creates one: {@code outbound-api}, with the credential's status callback,
     * refused with the API's Twilio codes. A suspended or closed account sends nothing, over a bind made while it was
     * active too.
     */
    Message create(Tx tx, SmppCredential c, String from, String to, String body) {
        AccountStatus status = tx.accounts().find(c.accountSid()).map(Account::status).orElse(AccountStatus.CLOSED);
        if (status != AccountStatus.ACTIVE) {
            throw ApiException.forbidden("Account " + c.accountSid() + " is " + status.wire());
        }
        Message.StatusCallback cb = c.statusCallback();
        return messages.createIn(tx, new SendRequest(c.accountSid(), to, from, null, body, List.of(), cb.url(),
                cb.method(), false, Direction.OUTBOUND_API), false);
    }
}
