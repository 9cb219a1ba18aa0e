package dev.parley.core.billing;

import dev.parley.core.account.Account;
import dev.parley.core.tx.Storage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Usage records: what an account was charged, per category and period, read from the usage ledger (so a deleted
 * message still counts, as Twilio still bills it). Days are UTC days. Every category is listed for every period,
 * at zero when nothing was charged, as Twilio lists them.
 */
public final class UsageService {
    private final Storage storage;
    private final String currency;
    private final Clock clock;

    public UsageService(Storage storage, String currency, Clock clock) {
        this.storage = storage;
        this.currency = currency;
        this.clock = clock;
    }

    /** Twilio's list and its subresources: how the range is chosen and split. */
    public enum Span {
        ALL_TIME, DAILY, MONTHLY, YEARLY, TODAY, YESTERDAY, THIS_MONTH, LAST_MONTH;

        /** Whether the span fixes its own dates (StartDate and EndDate are then ignored). */
        public boolean fixedRange() {
            return ordinal() >= TODAY.ordinal();
        }
    }

    /**
     * What to read. {@code start}/{@code end} are inclusive and null for the default: from the day the account
     * was created until today. {@code category} null means every category.
     */
    public record Query(Account account, Span span, UsageCategory category, LocalDate start, LocalDate end,
            boolean includeSubaccounts) {
    }

    /** One usage record. {@code count} is null for {@code totalprice}; {@code price} is positive. */
    public record UsageRecord(String accountSid, UsageCategory category, LocalDate start, LocalDate end, Long count,
            long usage, BigDecimal price, String priceUnit) {
    }

    /** The records of a query, period by period (oldest first), each period in category order. */
    public List<UsageRecord> records(Query q) {
        LocalDate today = today();
        LocalDate[] range = range(q, today);
        LocalDate from = range[0];
        LocalDate to = range[1];
        if (from.isAfter(to)) {
            return List.of();
        }
        Account account = q.account();
        List<UsageStore.Charge> rows = storage.read(tx -> {
            List<String> accounts = new ArrayList<>();
            accounts.add(account.sid());
            if (q.includeSubaccounts() && !account.isSubaccount()) {
                tx.accounts().subaccounts(account.sid()).forEach(a -> accounts.add(a.sid()));
            }
            return tx.usage().read(accounts, from, to);
        });
        NavigableMap<LocalDate, Map<UsageCategory, Totals>> days = byDay(rows);
        List<UsageRecord> out = new ArrayList<>();
        for (LocalDate[] period : periods(q.span(), from, to)) {
            for (UsageCategory c : UsageCategory.all()) {
                if (q.category() == null || q.category() == c) {
                    out.add(sum(account.sid(), c, period[0], period[1], days));
                }
            }
        }
        return out;
    }

    /** The moment the records are as of (Twilio's {@code as_of}). */
    public java.time.Instant now() {
        return clock.instant();
    }

    /** Today's UTC date on the service's clock: relative dates count from it. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private LocalDate[] range(Query q, LocalDate today) {
        return switch (q.span()) {
            case TODAY -> new LocalDate[] {today, today};
            case YESTERDAY -> new LocalDate[] {today.minusDays(1), today.minusDays(1)};
            case THIS_MONTH -> new LocalDate[] {today.withDayOfMonth(1), today};
            case LAST_MONTH -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new LocalDate[] {first, first.with(TemporalAdjusters.lastDayOfMonth())};
            }
            case ALL_TIME, DAILY, MONTHLY, YEARLY -> new LocalDate[] {
                q.start() != null ? q.start() : LocalDate.ofInstant(q.account().dateCreated(), ZoneOffset.UTC),
                q.end() != null ? q.end() : today};
        };
    }

    /** The range cut into the span's periods, each clipped to the range. */
    private static List<LocalDate[]> periods(Span span, LocalDate from, LocalDate to) {
        UnaryOperator<LocalDate> next = switch (span) {
            case DAILY -> d -> d.plusDays(1);
            case MONTHLY -> d -> d.withDayOfMonth(1).plusMonths(1);
            case YEARLY -> d -> d.withDayOfYear(1).plusYears(1);
            default -> null;
        };
        if (next == null) {
            return List.<LocalDate[]>of(new LocalDate[] {from, to});
        }
        List<LocalDate[]> out = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); start = next.apply(start)) {
            LocalDate end = next.apply(start).minusDays(1);
            out.add(new LocalDate[] {start, end.isAfter(to) ? to : end});
        }
        return out;
    }

    /** A leaf's totals on one day, over the accounts read. */
    private static final class Totals {
        long count;
        long usage;
        BigDecimal price = BigDecimal.ZERO.setScale(5);
    }

    /** The rows in the service's currency by day, then by leaf, summed over accounts. */
    private NavigableMap<LocalDate, Map<UsageCategory, Totals>> byDay(List<UsageStore.Charge> rows) {
        NavigableMap<LocalDate, Map<UsageCategory, Totals>> days = new TreeMap<>();
        for (UsageStore.Charge row : rows) {
            UsageCategory leaf = UsageCategory.fromWire(row.category()).orElse(null);
            if (leaf == null || !row.priceUnit().equals(currency)) {
                continue;
            }
            Totals t = days.computeIfAbsent(row.day(), d -> new EnumMap<>(UsageCategory.class))
                    .computeIfAbsent(leaf, l -> new Totals());
            t.count += row.count();
            t.usage += row.usage();
            t.price = t.price.add(row.price());
        }
        return days;
    }

    private UsageRecord sum(String accountSid, UsageCategory category, LocalDate from, LocalDate to,
            NavigableMap<LocalDate, Map<UsageCategory, Totals>> days) {
        Totals sum = new Totals();
        for (Map<UsageCategory, Totals> day : days.subMap(from, true, to, true).values()) {
            day.forEach((leaf, t) -> {
                if (category.includes(leaf)) {
                    sum.count += t.count;
                    sum.usage += t.usage;
                    sum.price = sum.price.add(t.price);
                }
            });
        }
        return category == UsageCategory.TOTALPRICE
                ? new UsageRecord(accountSid, category, from, to, null, 0, sum.price, currency)
                : new UsageRecord(accountSid, category, from, to, sum.count, sum.usage, sum.price, currency);
    }
}
