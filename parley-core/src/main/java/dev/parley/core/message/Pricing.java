package dev.parley.core.message;

import dev.parley.core.tx.Tx;
import java.math.BigDecimal;

/**
 * Prices messages and books the charges. Amounts on a message are negative, as Twilio writes them; null when
 * the message is free. The implementation is {@code dev.parley.core.billing.TablePricing}.
 */
public interface Pricing {

    /** What the message costs in the state it is in, negative; null when it costs nothing. */
    BigDecimal priceOf(Message message);

    /** The currency of every price, e.g. {@code USD}. */
    String unit();

    /**
     * Called inside the transaction that writes {@code message} in a new state: once the message is due a price
     * ({@code sent}, or any final state) and has none yet, returns it priced and books the charge in the usage
     * ledger in {@code tx}; otherwise returns it unchanged. A message is thus charged at most once.
     */
    Message charge(Tx tx, Message message);
}
