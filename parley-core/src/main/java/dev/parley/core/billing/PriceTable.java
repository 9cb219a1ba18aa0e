package dev.parley.core.billing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's price list: one rate per product, direction and destination country, with a {@code *} row
 * per product for every other country. Read once at start from a text file (format in the bundled
 * {@code default-prices.txt}); a malformed file is refused with its name and line number, never half-loaded.
 */
public final class PriceTable {
    /** The bundled default, a class-path resource next to this class. */
    public static final String DEFAULT_RESOURCE = "default-prices.txt";
    public static final String ANY = "*";
    private static final int MAX_SCALE = 5;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /** What is priced. {@code per} lists the units a row for it may use. */
    public enum Product {
        SMS("sms", Set.of(Per.SEGMENT, Per.MESSAGE)),
        MMS("mms", Set.of(Per.MESSAGE)),
        WHATSAPP("whatsapp", Set.of(Per.MESSAGE)),
        FAILED("failed", Set.of(Per.MESSAGE)),
        CONVERSATION("conversation", Set.of(Per.ACTIVE_CONVERSATION_MONTH));

        private final String word;
        private final Set<Per> per;

        Product(String word, Set<Per> per) {
            this.word = word;
            this.per = per;
        }

        static Optional<Product> of(String word) {
            for (Product p : values()) {
                if (p.word.equals(word)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        public String word() {
            return word;
        }
    }

    /** The unit a price is for. */
    public enum Per {
        SEGMENT("segment"), MESSAGE("message"), ACTIVE_CONVERSATION_MONTH("active-conversation-month");

        private final String word;

        Per(String word) {
            this.word = word;
        }

        static Optional<Per> of(String word) {
            for (Per p : values()) {
                if (p.word.equals(word)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** One rate; {@code price} is positive or zero (a charge), as written in the file. */
    public record Rate(Product product, String direction, String country, BigDecimal price, Per per) {
    }

    private final String currency;
    private final Map<String, Rate> rates;
    private final Set<Integer> failedFeeExempt;

    private PriceTable(String currency, Map<String, Rate> rates, Set<Integer> failedFeeExempt) {
        this.currency = currency;
        this.rates = Map.copyOf(rates);
        this.failedFeeExempt = Set.copyOf(failedFeeExempt);
    }

    /** The ISO 4217 code every price is in, e.g. {@code USD}. */
    public String currency() {
        return currency;
    }

    /**
     * The rate for a product sent in {@code direction} ({@code outbound}/{@code inbound}) to {@code country}:
     * the country's own row, else the {@code *} row; a row for direction {@code *} serves both.
     */
    public Optional<Rate> find(Product product, String direction, String country) {
        for (String c : country == null || country.isEmpty() ? List.of(ANY) : List.of(country, ANY)) {
            for (String d : List.of(direction, ANY)) {
                Rate r = rates.get(key(product, d, c));
                if (r != null) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a message that failed with this error code is spared the failed-message fee. */
    public boolean failedFeeExempt(Integer errorCode) {
        return errorCode != null && failedFeeExempt.contains(errorCode);
    }

    /** The table bundled with Parley. */
    public static PriceTable bundled() {
        InputStream in = PriceTable.class.getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the bundled price table " + DEFAULT_RESOURCE + " is missing");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse("bundled " + DEFAULT_RESOURCE, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an operator's file; an unreadable or malformed one throws {@link PriceTableException}. */
    public static PriceTable load(Path file) {
        String name = file.toAbsolutePath().toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(name, reader);
        } catch (IOException e) {
            throw new PriceTableException(name, 0, "cannot be read: " + e);
        }
    }

    /** Parses a table; {@code source} names it in error messages. */
    public static PriceTable parse(String source, Reader text) throws IOException {
        BufferedReader lines = new BufferedReader(text);
        String currency = null;
        Map<String, Rate> rates = new HashMap<>();
        Set<Integer> exempt = new HashSet<>();
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            String[] words = content.split("\\s+");
            switch (words[0]) {
                case "currency" -> {
                    if (currency != null) {
                        throw new PriceTableException(source, number, "currency is given twice");
                    }
                    currency = currency(source, number, words);
                }
                case "failed-fee-exempt" -> {
                    for (int i = 1; i < words.length; i++) {
                        try {
                            exempt.add(Integer.parseInt(words[i]));
                        } catch (NumberFormatException e) {
                            throw new PriceTableException(source, number, "'" + words[i] + "' is not an error code");
                        }
                    }
                }
                default -> {
                    Rate rate = rate(source, number, words);
                    if (rates.putIfAbsent(key(rate.product(), rate.direction(), rate.country()), rate) != null) {
                        throw new PriceTableException(source, number, "a second rate for " + rate.product().word()
                                + " " + rate.direction() + " " + rate.country());
                    }
                }
            }
        }
        if (currency == null) {
            throw new PriceTableException(source, number, "no 'currency CODE' line");
        }
        return new PriceTable(currency, rates, exempt);
    }

    private static String currency(String source, int line, String[] words) {
        if (words.length != 2) {
            throw new PriceTableException(source, line, "expected 'currency CODE', e.g. 'currency USD'");
        }
        try {
            return Currency.getInstance(words[1].toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new PriceTableException(source, line, "'" + words[1] + "' is not an ISO 4217 currency code");
        }
    }

    private static Rate rate(String source, int line, String[] words) {
        if (words.length != 5) {
            throw new PriceTableException(source, line, "expected PRODUCT DIRECTION COUNTRY PRICE PER, got "
                    + words.length + " words");
        }
        Product product = Product.of(words[0]).orElseThrow(() -> new PriceTableException(source, line,
                "unknown product '" + words[0] + "' (sms, mms, whatsapp, failed, conversation)"));
        String direction = words[1];
        if (!direction.equals("outbound") && !direction.equals("inbound") && !direction.equals(ANY)) {
            throw new PriceTableException(source, line, "direction must be outbound, inbound or *, got '"
                    + direction + "'");
        }
        String country = words[2];
        if (!country.equals(ANY) && !COUNTRY.matcher(country).matches()) {
            throw new PriceTableException(source, line, "country must be an ISO 3166 alpha-2 code in capitals or *,"
                    + " got '" + country + "'");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(words[3]);
        } catch (NumberFormatException e) {
            throw new PriceTableException(source, line, "price '" + words[3] + "' is not a number");
        }
        if (price.signum() < 0 || price.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new PriceTableException(source, line, "price must be positive or 0 with at most " + MAX_SCALE
                    + " decimals, got " + words[3]);
        }
        Per per = Per.of(words[4]).filter(product.per::contains).orElseThrow(() -> new PriceTableException(source,
                line, "a " + product.word() + " price cannot be per '" + words[4] + "'"));
        return new Rate(product, direction, country, price.setScale(MAX_SCALE), per);
    }

    private static String key(Product product, String direction, String country) {
        return product.word() + ' ' + direction + ' ' + country;
    }
}
