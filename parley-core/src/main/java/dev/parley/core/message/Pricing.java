package dev.parley.core.message;

import java.math.BigDecimal;

/** Prices messages. Amounts are charges, so negative as Twilio writes them; null when the message is free. */
public interface Pricing {

    BigDecimal priceOf(Message message);

    String unit();

    /** US list prices: SMS $0.0079 per segment either way, MMS $0.0200 out and $0.0100 in. */
    Pricing US_LIST = new Pricing() {
        private static final BigDecimal SMS = new BigDecimal("0.00790");
        private static final BigDecimal MMS_OUT = new BigDecimal("0.02000");
        private static final BigDecimal MMS_IN = new BigDecimal("0.01000");

        @Override
        public BigDecimal priceOf(Message m) {
            if (m.numMedia() > 0) {
                return (m.direction().outbound() ? MMS_OUT : MMS_IN).negate();
            }
            return SMS.multiply(BigDecimal.valueOf(Math.max(1, m.numSegments()))).negate();
        }

        @Override
        public String unit() {
            return "USD";
        }
    };
}
