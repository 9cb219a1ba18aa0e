package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.account.ApiKey;
import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

interface AccountStoreContract extends UsesDatabase {

    private void insert(Account... accounts) {
        storage().writeVoid(tx -> {
            for (Account a : accounts) {
                tx.accounts().insert(a);
            }
        });
    }

    private Optional<Account> find(String sid) {
        return storage().read(tx -> tx.accounts().find(sid));
    }

    private Page<Account> family(String owner, String name, AccountStatus status, PageRequest page) {
        return storage().read(tx -> tx.accounts().listFamily(owner, name, status, page));
    }

    private static ApiKey key(String account, java.time.Instant created) {
        return new ApiKey(Fixtures.sid("SK"), account, "ci key", "pbkdf2$abc$def", created, created.plusSeconds(1));
    }

    @Test
    default void accountsRoundTripAndUpdate() {
        Account main = Fixtures.account(T0);
        Account sub = Fixtures.subaccount(main, T0.plusSeconds(1));
        insert(main, sub);
        assertThat(find(main.sid())).contains(main);
        assertThat(find(sub.sid())).contains(sub);
        assertThat(find(sub.sid()).orElseThrow().isSubaccount()).isTrue();

        Account suspended = sub.withStatus(AccountStatus.SUSPENDED, T0.plusSeconds(5))
                .withFriendlyName("Renamed", T0.plusSeconds(6));
        storage().writeVoid(tx -> tx.accounts().update(suspended));
        assertThat(find(sub.sid())).contains(suspended);
        assertThat(find("ACmissing")).isEmpty();
    }

    @Test
    default void theFamilyIsTheAccountAndItsSubaccountsOnly() {
        Account main = Fixtures.account(T0);
        Account sub1 = Fixtures.subaccount(main, T0.plusSeconds(1));
        Account sub2 = Fixtures.subaccount(main, T0.plusSeconds(2)).withStatus(AccountStatus.CLOSED, T0);
        Account stranger = Fixtures.account(T0.plusSeconds(3));
        Account strangersSub = Fixtures.subaccount(stranger, T0.plusSeconds(4));
        insert(main, sub1, sub2, stranger, strangersSub);

        assertThat(family(main.sid(), null, null, PageRequest.first(50)).items())
                .containsExactly(sub2, sub1, main);
        assertThat(family(sub1.sid(), null, null, PageRequest.first(50)).items()).containsExactly(sub1);
        assertThat(family(main.sid(), null, AccountStatus.CLOSED, PageRequest.first(50)).items())
                .containsExactly(sub2);
        assertThat(family(main.sid(), "Sub", AccountStatus.ACTIVE, PageRequest.first(50)).items())
                .containsExactly(sub1);
        List<Account> subs = storage().read(tx -> tx.accounts().subaccounts(main.sid()));
        assertThat(subs).containsExactly(sub2, sub1);
    }

    @Test
    default void theFamilyPagesWithCursors() {
        Account main = Fixtures.account(T0);
        List<Account> all = new ArrayList<>(List.of(main));
        for (int i = 0; i < 6; i++) {
            all.add(Fixtures.subaccount(main, T0.plusSeconds(1 + i / 2)));
        }
        insert(all.toArray(Account[]::new));
        List<String> expected = all.stream()
                .sorted(java.util.Comparator.comparing(Account::dateCreated).thenComparing(Account::sid).reversed())
                .map(Account::sid).toList();
        List<String> walked = new ArrayList<>();
        Cursor cursor = null;
        do {
            Page<Account> page = family(main.sid(), null, null, new PageRequest(3, 0, cursor));
            walked.addAll(page.items().stream().map(Account::sid).toList());
            cursor = page.next();
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    default void theFirstMainAccountIsTheOldestNonSubaccount() {
        Optional<Account> none = storage().read(tx -> tx.accounts().findFirstMain());
        assertThat(none).isEmpty();
        Account first = Fixtures.account(T0);
        Account sub = Fixtures.subaccount(first, T0.minusSeconds(10));
        Account second = Fixtures.account(T0.plusSeconds(1));
        insert(second, sub, first);
        Optional<Account> found = storage().read(tx -> tx.accounts().findFirstMain());
        assertThat(found).contains(first);
    }

    @Test
    default void apiKeysRoundTripListAndDeletePerAccount() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        ApiKey older = key(a, T0);
        ApiKey newer = key(a, T0.plusSeconds(1));
        ApiKey ofB = key(b, T0);
        storage().writeVoid(tx -> List.of(older, newer, ofB).forEach(tx.accounts()::insertKey));

        Optional<ApiKey> found = storage().read(tx -> tx.accounts().findKey(newer.sid()));
        assertThat(found).contains(newer);
        Page<ApiKey> page = storage().read(tx -> tx.accounts().listKeys(a, PageRequest.first(1)));
        assertThat(page.items()).containsExactly(newer);
        Page<ApiKey> rest = storage().read(tx -> tx.accounts().listKeys(a, new PageRequest(1, 0, page.next())));
        assertThat(rest.items()).containsExactly(older);
        assertThat(rest.next()).isNull();

        boolean deletedByB = storage().write(tx -> tx.accounts().deleteKey(b, older.sid()));
        boolean deletedByA = storage().write(tx -> tx.accounts().deleteKey(a, older.sid()));
        assertThat(deletedByB).isFalse();
        assertThat(deletedByA).isTrue();
        Page<ApiKey> keysOfB = storage().read(tx -> tx.accounts().listKeys(b, PageRequest.first(50)));
        assertThat(keysOfB.items()).containsExactly(ofB);
        Optional<ApiKey> deleted = storage().read(tx -> tx.accounts().findKey(older.sid()));
        assertThat(deleted).isEmpty();
    }

    @Test
    default void apiKeyWithoutFriendlyNameRoundTripsAsNull() {
        String a = Fixtures.sid("AC");
        ApiKey unnamed = new ApiKey(Fixtures.sid("SK"), a, null, "pbkdf2$abc$def", T0, T0);
        storage().writeVoid(tx -> tx.accounts().insertKey(unnamed));

        Optional<ApiKey> found = storage().read(tx -> tx.accounts().findKey(unnamed.sid()));
        assertThat(found).contains(unnamed);
        assertThat(found.orElseThrow().friendlyName()).isNull();
    }
}
