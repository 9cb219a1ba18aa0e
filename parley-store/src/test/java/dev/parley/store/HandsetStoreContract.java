package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.simulator.HandsetBehavior;
import dev.parley.core.simulator.HandsetBehavior.Mode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

interface HandsetStoreContract extends UsesDatabase {

    private Optional<HandsetBehavior> find(String account, String number) {
        return storage().read(tx -> tx.handsets().find(account, number));
    }

    @Test
    default void aBehaviourRoundTripsAndIsReplacedByTheNextPut() {
        String account = Fixtures.sid("AC");
        assertThat(find(account, "+14155550199")).isEmpty();
        HandsetBehavior undeliver = new HandsetBehavior(Mode.UNDELIVER, 30005, Duration.ofMillis(1500));
        storage().writeVoid(tx -> tx.handsets().put(account, "+14155550199", undeliver));
        assertThat(find(account, "+14155550199")).contains(undeliver);

        storage().writeVoid(tx -> tx.handsets().put(account, "+14155550199", HandsetBehavior.DEFAULT));
        assertThat(find(account, "+14155550199")).contains(HandsetBehavior.DEFAULT);
    }

    @Test
    default void behavioursArePerAccountAndNumber() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        HandsetBehavior silent = new HandsetBehavior(Mode.SILENT, null, null);
        storage().writeVoid(tx -> tx.handsets().put(a, "whatsapp:+14155550199", silent));
        assertThat(find(a, "whatsapp:+14155550199")).contains(silent);
        assertThat(find(b, "whatsapp:+14155550199")).isEmpty();
        assertThat(find(a, "+14155550199")).isEmpty();
    }
}
