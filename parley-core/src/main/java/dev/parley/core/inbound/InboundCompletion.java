package dev.parley.core.inbound;

import dev.parley.core.error.ApiException;
import dev.parley.core.tx.Tx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purpose {@value #PURPOSE}: a reassembled mobile-originated SMS becomes an inbound message, through
 * {@link InboundService#receiveIn} in the reassembly's transaction (channel, sender and number from its key). A message
 * whose number stopped being anyone's while its parts waited is logged and dropped: no retry would change that.
 */
public final class InboundCompletion implements Concatenation.Completion {
    private static final Logger log = LoggerFactory.getLogger(InboundCompletion.class);

    /** The purpose of parts of a mobile-originated SMS. */
    public static final String PURPOSE = "MO";

    private final InboundService inbound;

    public InboundCompletion(InboundService inbound) {
        this.inbound = inbound;
    }

    @Override
    public String purpose() {
        return PURPOSE;
    }

    @Override
    public void complete(Tx tx, Concatenation.Assembled message) {
        ConcatKey key = message.key();
        try {
            inbound.receiveIn(tx, null, new InboundMessage(key.channel(), key.from(), key.to(), message.text(),
                    List.of()));
        } catch (ApiException e) {
            log.warn("reassembled SMS from {} to {} over {} dropped: {} {}", key.from(), key.to(), key.channel(),
                    e.code(), e.getMessage());
        }
    }
}
