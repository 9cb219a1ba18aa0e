package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.billing.UsageStore.Charge;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

interface UsageStoreContract extends UsesDatabase {
    LocalDate DAY = LocalDate.of(2026, 3, 31);

    private static Charge charge(String account, LocalDate day, String category, long usage, String price) {
        return new Charge(account, day, category, "USD", 1, usage, new BigDecimal(price));
    }

    private List<Charge> rows(List<String> accounts, LocalDate from, LocalDate to) {
        return storage().read(tx -> tx.usage().read(accounts, from, to));
    }

    @Test
    default void chargesOnTheSameDayAndCategoryAddUpExactly() {
        String a = Fixtures.sid("AC");
        for (int i = 0; i < 3; i++) {
            storage().writeVoid(tx -> tx.usage().add(charge(a, DAY, "sms-outbound", 2, "0.01580")));
        }
        storage().writeVoid(tx -> tx.usage().add(charge(a, DAY, "sms-inbound", 1, "0.00790")));

        List<Charge> rows = storage().read(tx -> tx.usage().read(List.of(a), DAY, DAY));
        assertThat(rows).containsExactly(
                new Charge(a, DAY, "sms-inbound", "USD", 1, 1, new BigDecimal("0.00790")),
                new Charge(a, DAY, "sms-outbound", "USD", 3, 6, new BigDecimal("0.04740")));
    }

    @Test
    default void readKeepsToItsAccountsAndDays() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        String other = Fixtures.sid("AC");
        storage().writeVoid(tx -> {
            tx.usage().add(charge(a, DAY.minusDays(1), "sms-outbound", 1, "0.00790"));
            tx.usage().add(charge(a, DAY, "sms-outbound", 1, "0.00790"));
            tx.usage().add(charge(a, DAY.plusDays(1), "sms-outbound", 1, "0.00790"));
            tx.usage().add(charge(b, DAY, "mms-outbound", 1, "0.02000"));
            tx.usage().add(charge(other, DAY, "sms-outbound", 1, "0.00790"));
        });

        assertThat(rows(List.of(a, b), DAY, DAY))
                .extracting(Charge::accountSid, Charge::day, Charge::category)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(a, DAY, "sms-outbound"),
                        org.assertj.core.groups.Tuple.tuple(b, DAY, "mms-outbound"));
        assertThat(rows(List.of(a), DAY.minusDays(1), DAY.plusDays(1))).hasSize(3);
        assertThat(rows(List.of(), DAY, DAY)).isEmpty();
    }

    @Test
    default void aChargeWritesOnlyWithItsTransaction() {
        String a = Fixtures.sid("AC");
        assertThatThrownBy(() -> storage().writeVoid(tx -> {
            tx.usage().add(charge(a, DAY, "sms-outbound", 1, "0.00790"));
            throw new IllegalStateException("the message write failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rows(List.of(a), DAY, DAY)).isEmpty();
    }

    @Test
    default void aPriceFinerThanFiveDecimalsIsRefused() {
        String a = Fixtures.sid("AC");
        assertThatThrownBy(() -> storage().writeVoid(tx -> tx.usage().add(charge(a, DAY, "sms-outbound", 1,
                "0.000001")))).hasMessageContaining("0.000001");
    }
}
