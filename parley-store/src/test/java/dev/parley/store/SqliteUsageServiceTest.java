package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.Account;
import dev.parley.core.billing.PriceTable;
import dev.parley.core.billing.TablePricing;
import dev.parley.core.billing.UsageCategory;
import dev.parley.core.billing.UsageService;
import dev.parley.core.billing.UsageService.Span;
import dev.parley.core.billing.UsageService.UsageRecord;
import dev.parley.core.billing.UsageStore.Charge;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Usage records over a real ledger: periods, parents, subaccounts; and pricing booking into it. */
class SqliteUsageServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    private UsageService service() {
        return new UsageService(db.database(), "USD", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Account account(Account owner) {
        Account a = owner == null ? Fixtures.account(Instant.parse("2026-01-30T00:00:00Z"))
                : Fixtures.subaccount(owner, Instant.parse("2026-02-01T00:00:00Z"));
        db.database().writeVoid(tx -> tx.accounts().insert(a));
        return a;
    }

    private void charge(Account a, LocalDate day, String category, long usage, String price) {
        db.database().writeVoid(tx -> tx.usage().add(new Charge(a.sid(), day, category, "USD", 1, usage,
                new BigDecimal(price))));
    }

    private static Map<String, UsageRecord> byCategory(List<UsageRecord> records) {
        return records.stream().collect(Collectors.toMap(r -> r.category().wire(), r -> r));
    }

    @Test
    void parentsSumTheirLeavesAndTotalpriceSumsEverything() {
        Account a = account(null);
        charge(a, TODAY, "sms-outbound", 2, "0.01580");
        charge(a, TODAY, "sms-inbound", 1, "0.00790");
        charge(a, TODAY, "mms-outbound", 1, "0.02000");
        charge(a, TODAY, "mms-inbound", 1, "0.01000");

        Map<String, UsageRecord> r = byCategory(service().records(new UsageService.Query(a, Span.TODAY, null, null,
                null, true)));
        assertThat(r).hasSize(UsageCategory.values().length);
        assertThat(r.get("sms").count()).isEqualTo(2);
        assertThat(r.get("sms").usage()).isEqualTo(3);
        assertThat(r.get("sms").price()).isEqualTo(new BigDecimal("0.02370"));
        assertThat(r.get("mms").price()).isEqualTo(new BigDecimal("0.03000"));
        assertThat(r.get("totalprice").price()).isEqualTo(new BigDecimal("0.05370"));
        assertThat(r.get("totalprice").count()).isNull();
        assertThat(r.get("channels").count()).isZero();
    }

    @Test
    void dailyMonthlyAndYearlyCutTheRangeClippedToIt() {
        Account a = account(null);
        charge(a, LocalDate.of(2026, 1, 31), "sms-outbound", 1, "0.00790");
        charge(a, LocalDate.of(2026, 2, 28), "sms-outbound", 1, "0.00790");
        charge(a, LocalDate.of(2026, 3, 1), "sms-outbound", 1, "0.00790");

        List<UsageRecord> monthly = service().records(new UsageService.Query(a, Span.MONTHLY,
                UsageCategory.SMS_OUTBOUND, null, null, true));
        // From the account's creation day (2026-01-30) to today, month by month.
        assertThat(monthly).extracting(UsageRecord::start).containsExactly(LocalDate.of(2026, 1, 30),
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1));
        assertThat(monthly).extracting(UsageRecord::end).containsExactly(LocalDate.of(2026, 1, 31),
                LocalDate.of(2026, 2, 28), TODAY);
        assertThat(monthly).extracting(UsageRecord::count).containsExactly(1L, 1L, 1L);

        List<UsageRecord> daily = service().records(new UsageService.Query(a, Span.DAILY, UsageCategory.SMS_OUTBOUND,
                LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 1), true));
        assertThat(daily).extracting(UsageRecord::count).containsExactly(0L, 1L, 1L);

        List<UsageRecord> yearly = service().records(new UsageService.Query(a, Span.YEARLY, UsageCategory.TOTALPRICE,
                LocalDate.of(2025, 12, 1), null, true));
        assertThat(yearly).extracting(UsageRecord::start).containsExactly(LocalDate.of(2025, 12, 1),
                LocalDate.of(2026, 1, 1));
        assertThat(yearly.get(1).price()).isEqualTo(new BigDecimal("0.02370"));

        UsageRecord lastMonth = service().records(new UsageService.Query(a, Span.LAST_MONTH,
                UsageCategory.SMS_OUTBOUND, null, null, true)).getFirst();
        assertThat(lastMonth.start()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(lastMonth.end()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(lastMonth.count()).isEqualTo(1);
        assertThat(service().records(new UsageService.Query(a, Span.ALL_TIME, null, TODAY, TODAY.minusDays(1), true)))
                .isEmpty();
    }

    @Test
    void aParentIncludesItsSubaccountsOnlyWhenAskedAndASubaccountNeverItsParent() {
        Account parent = account(null);
        Account sub = account(parent);
        charge(parent, TODAY, "sms-outbound", 1, "0.00790");
        charge(sub, TODAY, "sms-outbound", 1, "0.00790");
        charge(account(null), TODAY, "sms-outbound", 1, "0.00790");

        assertThat(total(parent, true)).isEqualTo(new BigDecimal("0.01580"));
        assertThat(total(parent, false)).isEqualTo(new BigDecimal("0.00790"));
        assertThat(total(sub, true)).isEqualTo(new BigDecimal("0.00790"));
    }

    private BigDecimal total(Account a, boolean includeSubaccounts) {
        return service().records(new UsageService.Query(a, Span.ALL_TIME, UsageCategory.TOTALPRICE, null, null,
                includeSubaccounts)).getFirst().price();
    }

    @Test
    void pricingBooksEachMessageOnceInTheLedgerOnTheDayItIsCharged() {
        Account a = account(null);
        TablePricing pricing = new TablePricing(PriceTable.bundled(), Clock.fixed(NOW, ZoneOffset.UTC));
        Message queued = new Message(Fixtures.sid("MM"), a.sid(), null, "+14155550100", "+12025550123", "",
                List.of("https://example.com/a.png"), 1, Direction.OUTBOUND_API, MessageStatus.QUEUED, null, null, null,
                "USD", "sms", null, Message.StatusCallback.NONE, NOW, NOW, null);
        Message sent = db.database().write(tx -> pricing.charge(tx, queued.moveTo(MessageStatus.SENDING, NOW)
                .moveTo(MessageStatus.SENT, NOW)));
        assertThat(sent.price()).isEqualTo(new BigDecimal("-0.02000"));
        Message delivered = db.database().write(tx -> pricing.charge(tx, sent.moveTo(MessageStatus.DELIVERED, NOW)));
        assertThat(delivered.price()).isEqualTo(new BigDecimal("-0.02000"));
        Message unpriced = db.database().write(tx -> pricing.charge(tx, queued));
        assertThat(unpriced).isSameAs(queued);

        Map<String, UsageRecord> r = byCategory(service().records(new UsageService.Query(a, Span.TODAY, null, null,
                null, false)));
        assertThat(r.get("mms-outbound").count()).isEqualTo(1);
        assertThat(r.get("mms-outbound").price()).isEqualTo(new BigDecimal("0.02000"));
        assertThat(r.get("totalprice").price()).isEqualTo(new BigDecimal("0.02000"));
    }
}
