package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

interface OptOutStoreContract extends UsesDatabase {

    private boolean optedOut(String account, String sender, String recipient) {
        return storage().read(tx -> tx.optOuts().isOptedOut(account, sender, recipient));
    }

    @Test
    default void anOptOutBlocksOnlyThatSenderRecipientPairOfThatAccount() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        storage().writeVoid(tx -> tx.optOuts().optOut(a, "+14155550100", "+14155550199", T0));

        assertThat(optedOut(a, "+14155550100", "+14155550199")).isTrue();
        assertThat(optedOut(a, "+14155550101", "+14155550199")).isFalse();
        assertThat(optedOut(a, "+14155550199", "+14155550100")).isFalse();
        assertThat(optedOut(b, "+14155550100", "+14155550199")).isFalse();
    }

    @Test
    default void optingOutTwiceIsHarmlessAndOptingInLiftsIt() {
        String a = Fixtures.sid("AC");
        storage().writeVoid(tx -> tx.optOuts().optOut(a, "+14155550100", "+14155550199", T0));
        storage().writeVoid(tx -> tx.optOuts().optOut(a, "+14155550100", "+14155550199", T0.plusSeconds(1)));
        assertThat(optedOut(a, "+14155550100", "+14155550199")).isTrue();

        storage().writeVoid(tx -> tx.optOuts().optIn(Fixtures.sid("AC"), "+14155550100", "+14155550199"));
        assertThat(optedOut(a, "+14155550100", "+14155550199")).isTrue();
        storage().writeVoid(tx -> tx.optOuts().optIn(a, "+14155550100", "+14155550199"));
        assertThat(optedOut(a, "+14155550100", "+14155550199")).isFalse();
        storage().writeVoid(tx -> tx.optOuts().optIn(a, "+14155550100", "+14155550199"));
    }
}
