package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.message.Message;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.smsc.Cidr;
import dev.parley.core.smsc.PasswordHash;
import dev.parley.core.smsc.SmppCredential;
import dev.parley.core.smsc.SmppSubmit;
import dev.parley.core.tx.Tx;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** SMPP credentials and the submits accepted over them (migration V25). */
interface SmppCredentialStoreContract extends UsesDatabase {

    private static SmppCredential credential(String account, String systemId, int seconds) {
        return new SmppCredential(Fixtures.sid("CR"), account, systemId, PasswordHash.hash("secret"),
                List.of(Cidr.parse("10.0.0.0/8").orElseThrow(), Cidr.parse("2001:db8::/32").orElseThrow()),
                new SmppCredential.Limits(25, 300), new Message.StatusCallback("https://example.com/cb", "GET"),
                "Kannel " + systemId, T0.plusSeconds(seconds), T0.plusSeconds(seconds));
    }

    private boolean did(Function<Tx, Boolean> work) {
        return storage().write(work);
    }

    private <T> Optional<T> one(Function<Tx, Optional<T>> work) {
        return storage().read(work);
    }

    private <T> List<T> rows(Function<Tx, List<T>> work) {
        return storage().read(work);
    }

    private static String systemId() {
        return "sys" + ThreadLocalRandom.current().nextInt(1_000_000_000);
    }

    @Test
    default void credentialRoundTripsUpdatesAndItsSystemIdIsUniqueAcrossAccounts() {
        String account = Fixtures.sid("AC");
        String systemId = systemId();
        SmppCredential c = credential(account, systemId, 0);
        assertThat(did(tx -> tx.smppCredentials().insert(c))).isTrue();
        assertThat(one(tx -> tx.smppCredentials().find(account, c.sid()))).contains(c);
        assertThat(one(tx -> tx.smppCredentials().findBySystemId(systemId))).contains(c);
        assertThat(PasswordHash.matches("secret", one(tx -> tx.smppCredentials().find(account, c.sid()))
                .orElseThrow().passwordHash())).isTrue();

        SmppCredential other = credential(Fixtures.sid("AC"), systemId, 1);
        assertThat(did(tx -> tx.smppCredentials().insert(other))).isFalse();
        assertThat(one(tx -> tx.smppCredentials().find(other.accountSid(), other.sid()))).isEmpty();

        SmppCredential changed = new SmppCredential(c.sid(), account, systemId, PasswordHash.hash("other"), List.of(),
                new SmppCredential.Limits(1, 0), Message.StatusCallback.NONE, null, c.dateCreated(),
                T0.plusSeconds(60));
        storage().writeVoid(tx -> tx.smppCredentials().update(changed));
        assertThat(one(tx -> tx.smppCredentials().find(account, c.sid()))).contains(changed);
        assertThat(one(tx -> tx.smppCredentials().find(Fixtures.sid("AC"), c.sid()))).isEmpty();
        assertThat(did(tx -> tx.smppCredentials().delete(Fixtures.sid("AC"), c.sid()))).isFalse();
        assertThat(did(tx -> tx.smppCredentials().delete(account, c.sid()))).isTrue();
        assertThat(one(tx -> tx.smppCredentials().findBySystemId(systemId))).isEmpty();
    }

    @Test
    default void listPagesTheAccountsCredentialsNewestFirst() {
        String account = Fixtures.sid("AC");
        List<SmppCredential> made = List.of(credential(account, systemId(), 0), credential(account, systemId(), 1),
                credential(account, systemId(), 2));
        made.forEach(c -> did(tx -> tx.smppCredentials().insert(c)));
        did(tx -> tx.smppCredentials().insert(credential(Fixtures.sid("AC"), systemId(), 3)));
        Page<SmppCredential> first = storage().<Page<SmppCredential>>read(tx -> tx.smppCredentials().list(account, PageRequest.first(2)));
        assertThat(first.items()).containsExactly(made.get(2), made.get(1));
        assertThat(first.next()).isNotNull();
    }

    @Test
    default void submitsFollowTheirMessageAndConcatenatedPartsAttachWhenTheMessageExists() {
        String account = Fixtures.sid("AC");
        String credential = Fixtures.sid("CR");
        String message = Fixtures.sid("SM");
        SmppSubmit whole = new SmppSubmit(message, credential, account, message, null, SmppSubmit.RECEIPT, T0);
        SmppSubmit part1 = new SmppSubmit(Fixtures.sid("SP"), credential, account, null, "k1", SmppSubmit.RECEIPT,
                T0.plusSeconds(1));
        SmppSubmit part2 = new SmppSubmit(Fixtures.sid("SP"), credential, account, null, "k1",
                SmppSubmit.RECEIPT_ON_FAILURE, T0.plusSeconds(2));
        SmppSubmit elsewhere = new SmppSubmit(Fixtures.sid("SP"), Fixtures.sid("CR"), account, null, "k1",
                SmppSubmit.NO_RECEIPT, T0.plusSeconds(3));
        storage().writeVoid(tx -> List.of(whole, part1, part2, elsewhere).forEach(tx.smppSubmits()::insert));
        assertThat(rows(tx -> tx.smppSubmits().forMessage(message))).containsExactly(whole);

        String joined = Fixtures.sid("SM");
        assertThat(storage().<Integer>write(tx -> tx.smppSubmits().attach(credential, "k1", joined))).isEqualTo(2);
        assertThat(rows(tx -> tx.smppSubmits().forMessage(joined))).extracting(SmppSubmit::id)
                .containsExactly(part1.id(), part2.id());
        assertThat(rows(tx -> tx.smppSubmits().forMessage(Fixtures.sid("SM")))).isEmpty();
    }
}
