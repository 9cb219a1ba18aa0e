package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.inbound.ConcatKey;
import dev.parley.core.inbound.ConcatPart;
import org.junit.jupiter.api.Test;

interface ConcatenationStoreContract extends UsesDatabase {

    private static ConcatKey key(String account, int ref) {
        return new ConcatKey(account, "smpp:carrier-a", "+447700900123", "+14155550100", ref, 3);
    }

    private java.util.List<ConcatPart> parts(ConcatKey key) {
        return storage().read(tx -> tx.concatParts().parts(key));
    }

    @Test
    default void partsComeBackInSeqOrderWithTheirTextAndContext() {
        ConcatKey key = key(Fixtures.sid("AC"), 200);
        storage().writeVoid(tx -> {
            assertThat(tx.concatParts().insert(new ConcatPart(key, 3, "MO", "c", null, T0))).isTrue();
            assertThat(tx.concatParts().insert(new ConcatPart(key, 1, "MO", "a", "{\"x\":1}", T0.plusSeconds(1))))
                    .isTrue();
        });

        assertThat(parts(key)).containsExactly(
                new ConcatPart(key, 1, "MO", "a", "{\"x\":1}", T0.plusSeconds(1)),
                new ConcatPart(key, 3, "MO", "c", null, T0));
    }

    @Test
    default void aSecondPartWithTheSameSeqIsRefusedAndChangesNothing() {
        ConcatKey key = key(Fixtures.sid("AC"), 7);
        storage().writeVoid(tx -> tx.concatParts().insert(new ConcatPart(key, 2, "MO", "first", null, T0)));

        boolean again = storage().write(tx -> tx.concatParts().insert(new ConcatPart(key, 2, "MO", "second", null,
                T0.plusSeconds(5))));

        assertThat(again).isFalse();
        assertThat(parts(key)).extracting(ConcatPart::text)
                .containsExactly("first");
    }

    @Test
    default void keysDifferingInAnyFieldAreSeparateMessages() {
        String account = Fixtures.sid("AC");
        ConcatKey key = key(account, 9);
        ConcatKey[] others = {
            key(Fixtures.sid("AC"), 9),
            key(account, 10),
            new ConcatKey(account, "smpp:carrier-b", key.from(), key.to(), 9, 3),
            new ConcatKey(account, key.channel(), "+447700900999", key.to(), 9, 3),
            new ConcatKey(account, key.channel(), key.from(), "+14155550101", 9, 3),
            new ConcatKey(account, key.channel(), key.from(), key.to(), 9, 4),
        };
        storage().writeVoid(tx -> {
            tx.concatParts().insert(new ConcatPart(key, 1, "MO", "mine", null, T0));
            for (ConcatKey other : others) {
                assertThat(tx.concatParts().insert(new ConcatPart(other, 1, "MO", "other", null, T0))).isTrue();
            }
        });

        storage().writeVoid(tx -> tx.concatParts().delete(others[0]));

        assertThat(parts(key)).extracting(ConcatPart::text)
                .containsExactly("mine");
        assertThat(parts(others[0])).isEmpty();
        assertThat(parts(others[1])).hasSize(1);
    }

    @Test
    default void deleteRemovesEveryPartAndTheMark() {
        ConcatKey key = key(Fixtures.sid("AC"), 1);
        storage().writeVoid(tx -> {
            tx.concatParts().insert(new ConcatPart(key, 0, "MO", "", null, T0));
            tx.concatParts().insert(new ConcatPart(key, 2, "MO", "b", null, T0));
        });

        storage().writeVoid(tx -> tx.concatParts().delete(key));

        assertThat(parts(key)).isEmpty();
    }
}
