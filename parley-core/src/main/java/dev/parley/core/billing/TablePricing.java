package dev.parley.core.billing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.Pricing;
import dev.parley.core.tx.Tx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices messages from a {@link PriceTable} and books each charge in the usage ledger. A message is priced once:
 * when it is {@code sent} (handed to the carrier) or, if it never was, when it reaches a final state. A
 * {@code failed} message carries the table's failed-message fee unless its error code is exempt; a canceled
 * one costs nothing. The charge is booked on the UTC day the clock reads when it is made.
 */
public final class TablePricing implements Pricing {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<MessageStatus> PRICED = EnumSet.of(MessageStatus.SENT, MessageStatus.DELIVERED,
            MessageStatus.UNDELIVERED, MessageStatus.FAILED, MessageStatus.RECEIVED, MessageStatus.READ);
    private static final String WHATSAPP = "whatsapp:";
    private static final int COUNTRIES_KEPT = 100_000;
    private static final Map<String, String> COUNTRIES = new ConcurrentHashMap<>();
    private final PriceTable table;
    private final Clock clock;

    public TablePricing(PriceTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public String unit() {
        return table.currency();
    }

    @Override
    public BigDecimal priceOf(Message m) {
        return quote(m).map(q -> q.price().negate()).orElse(null);
    }

    @Override
    public Message charge(Tx tx, Message m) {
        if (m.price() != null || !PRICED.contains(m.status())) {
            return m;
        }
        Quote quote = quote(m).orElse(null);
        if (quote == null) {
            return m;
        }
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        tx.usage().add(new UsageStore.Charge(m.accountSid(), day, quote.category().wire(), table.currency(), 1,
                quote.usage(), quote.price()));
        return m.withPrice(quote.price().negate(), table.currency());
    }

    /** A charge before it is booked: the leaf it goes to, billed units, positive price. */
    private record Quote(UsageCategory category, long usage, BigDecimal price) {
    }

    private java.util.Optional<Quote> quote(Message m) {
        if (!PRICED.contains(m.status())) {
            return java.util.Optional.empty();
        }
        boolean outbound = m.direction().outbound();
        String direction = outbound ? "outbound" : "inbound";
        String country = country(m.to());
        boolean whatsapp = m.to().startsWith(WHATSAPP) || m.from().startsWith(WHATSAPP);
        UsageCategory leaf = whatsapp
                ? (outbound ? UsageCategory.CHANNELS_MESSAGING_OUTBOUND : UsageCategory.CHANNELS_MESSAGING_INBOUND)
                : (m.mms() || m.group())
                        ? (outbound ? UsageCategory.MMS_OUTBOUND : UsageCategory.MMS_INBOUND)
                        : (outbound ? UsageCategory.SMS_OUTBOUND : UsageCategory.SMS_INBOUND);
        if (m.status() == MessageStatus.FAILED) {
            if (table.failedFeeExempt(m.errorCode())) {
                return java.util.Optional.empty();
            }
            return table.find(PriceTable.Product.FAILED, direction, country)
                    .filter(r -> r.price().signum() > 0)
                    .map(r -> new Quote(leaf, 0, r.price()));
        }
        PriceTable.Product product = whatsapp ? PriceTable.Product.WHATSAPP
                : (m.mms() || m.group()) ? PriceTable.Product.MMS : PriceTable.Product.SMS;
        int segments = Math.max(1, m.numSegments());
        long usage = leaf.usageUnit().equals("segments") ? segments : 1;
        return table.find(product, direction, country).map(r -> new Quote(leaf, usage,
                r.per() == PriceTable.Per.SEGMENT ? r.price().multiply(BigDecimal.valueOf(segments)) : r.price()));
    }

    /**
     * ISO country of an address ({@code +1…}, {@code whatsapp:+44…}); empty when it has none. Remembered per address
     * (parsing is a good part of pricing a message, and recipients repeat), up to {@link #COUNTRIES_KEPT} of them.
     */
    static String country(String address) {
        String known = COUNTRIES.get(address);
        if (known != null) {
            return known;
        }
        if (COUNTRIES.size() >= COUNTRIES_KEPT) {
            COUNTRIES.clear();
        }
        String country = parseCountry(address);
        COUNTRIES.put(address, country);
        return country;
    }

    private static String parseCountry(String address) {
        String number = address.startsWith(WHATSAPP) ? address.substring(WHATSAPP.length()) : address;
        try {
            var parsed = PHONES.parse(number, null);
            String region = PHONES.getRegionCodeForNumber(parsed);
            if (region == null) {
                // Unassigned ranges (the 555 numbers) belong to their country code's main region.
                region = PHONES.getRegionCodeForCountryCode(parsed.getCountryCode());
            }
            return region.equals("ZZ") ? "" : region;
        } catch (NumberParseException e) {
            return "";
        }
    }
}
