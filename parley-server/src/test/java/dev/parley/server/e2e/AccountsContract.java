package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static dev.parley.server.e2e.MessagingContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.NewKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accounts, subaccounts, API keys and the walls between accounts. */
interface AccountsContract {

    Parley parley();

    @Test
    default void parentCreatesListsAndSuspendsSubaccounts() {
        Account sub = Account.creator().setFriendlyName("Tenant A").create(parley().client());
        assertThat(sub.getSid()).matches("AC[0-9a-f]{32}");
        assertThat(sub.getOwnerAccountSid()).isEqualTo(Parley.ACCOUNT_SID);
        assertThat(sub.getStatus()).isEqualTo(Account.Status.ACTIVE);
        assertThat(sub.getAuthToken()).hasSize(32);

        assertThat(Account.fetcher(sub.getSid()).fetch(parley().client()).getFriendlyName()).isEqualTo("Tenant A");
        List<String> listed = new ArrayList<>();
        Account.reader().read(parley().client()).forEach(a -> listed.add(a.getSid()));
        assertThat(listed).contains(Parley.ACCOUNT_SID, sub.getSid());

        Account renamed = Account.updater(sub.getSid()).setFriendlyName("Tenant A2").update(parley().client());
        assertThat(renamed.getFriendlyName()).isEqualTo("Tenant A2");

        var subClient = parley().client(sub.getSid(), sub.getAuthToken());
        assertThat(Account.fetcher(sub.getSid()).fetch(subClient).getSid()).isEqualTo(sub.getSid());

        Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(parley().client());
        assertCode(() -> Account.fetcher(sub.getSid()).fetch(subClient), 20005);
        Account.updater(sub.getSid()).setStatus(Account.Status.ACTIVE).update(parley().client());
        assertThat(Account.fetcher(sub.getSid()).fetch(subClient).getStatus()).isEqualTo(Account.Status.ACTIVE);

        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(parley().client());
        assertCode(() -> Account.updater(sub.getSid()).setStatus(Account.Status.ACTIVE).update(parley().client()), 20001);
    }

    @Test
    default void subaccountNeverSeesItsParentsOrSiblingsData() {
        Account a = Account.creator().setFriendlyName("A").create(parley().client());
        Account b = Account.creator().setFriendlyName("B").create(parley().client());
        var clientA = parley().client(a.getSid(), a.getAuthToken());
        var clientB = parley().client(b.getSid(), b.getAuthToken());

        IncomingPhoneNumber numberA = IncomingPhoneNumber.creator(a.getSid(), "212").create(parley().client());
        Message sentByA = Message.creator(a.getSid(), phone(Fixtures.handset()), numberA.getPhoneNumber(), "private")
                .create(clientA);
        // The parent acts on its subaccount.
        assertThat(Message.fetcher(a.getSid(), sentByA.getSid()).fetch(parley().client()).getBody()).isEqualTo("private");
        // A sibling cannot, neither through its own path nor through A's.
        assertCode(() -> Message.fetcher(b.getSid(), sentByA.getSid()).fetch(clientB), 20404);
        assertCode(() -> Message.fetcher(a.getSid(), sentByA.getSid()).fetch(clientB), 20003);
        assertCode(() -> Message.reader(a.getSid()).read(clientB).iterator().hasNext(), 20003);
        // Nor can a subaccount reach its parent.
        assertCode(() -> Message.reader(Parley.ACCOUNT_SID).read(clientA).iterator().hasNext(), 20003);
        assertCode(() -> Account.fetcher(Parley.ACCOUNT_SID).fetch(clientA), 20003);
        // B cannot send from A's number.
        assertCode(() -> Message.creator(b.getSid(), phone(Fixtures.handset()), numberA.getPhoneNumber(), "x")
                .create(clientB), 21606);
        List<String> listedByB = new ArrayList<>();
        Account.reader().read(clientB).forEach(acc -> listedByB.add(acc.getSid()));
        assertThat(listedByB).containsExactly(b.getSid());
    }

    @Test
    default void apiKeysAuthenticateUntilDeletedAndShowTheirSecretOnce() {
        NewKey created = NewKey.creator().setFriendlyName("ci key").create(parley().client());
        assertThat(created.getSid()).matches("SK[0-9a-f]{32}");
        assertThat(created.getSecret()).isNotBlank();

        var keyClient = parley().client(created.getSid(), created.getSecret(), Parley.ACCOUNT_SID);
        IncomingPhoneNumber number = Fixtures.number(keyClient, null, null);
        assertThat(number.getAccountSid()).isEqualTo(Parley.ACCOUNT_SID);

        Key fetched = Key.fetcher(created.getSid()).fetch(parley().client());
        assertThat(fetched.getFriendlyName()).isEqualTo("ci key");
        var raw = parley().get("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Keys/" + created.getSid() + ".json");
        assertThat(raw.json().has("secret")).isFalse();
        List<String> keys = new ArrayList<>();
        Key.reader().read(parley().client()).forEach(k -> keys.add(k.getSid()));
        assertThat(keys).contains(created.getSid());

        assertCode(() -> Key.fetcher(created.getSid()).fetch(parley().client(created.getSid(), "wrong-secret",
                Parley.ACCOUNT_SID)), 20003);
        assertThat(Key.deleter(created.getSid()).delete(parley().client())).isTrue();
        assertCode(() -> IncomingPhoneNumber.reader().read(keyClient).iterator().hasNext(), 20003);
    }

    @Test
    default void numbersAreProvisionedOnceAcrossAccountsAndValidated() {
        IncomingPhoneNumber number = IncomingPhoneNumber.creator(phone("+13125550142")).create(parley().client());
        assertThat(number.getPhoneNumber().toString()).isEqualTo("+13125550142");
        assertThat(number.getSmsMethod()).isEqualTo(com.twilio.http.HttpMethod.POST);
        Account other = Account.creator().create(parley().client());
        assertCode(() -> IncomingPhoneNumber.creator(other.getSid(), phone("+13125550142")).create(parley().client()),
                21422);
        assertCode(() -> IncomingPhoneNumber.creator(phone("+1312")).create(parley().client()), 21421);
        IncomingPhoneNumber updated = IncomingPhoneNumber.updater(number.getSid())
                .setSmsUrl(java.net.URI.create("https://example.com/sms"))
                .setSmsMethod(com.twilio.http.HttpMethod.GET)
                .setFriendlyName("Support line")
                .update(parley().client());
        assertThat(updated.getSmsUrl().toString()).isEqualTo("https://example.com/sms");
        assertThat(updated.getSmsMethod()).isEqualTo(com.twilio.http.HttpMethod.GET);
        assertThat(updated.getFriendlyName()).isEqualTo("Support line");
        List<String> found = new ArrayList<>();
        IncomingPhoneNumber.reader().setPhoneNumber(phone("+13125550142")).read(parley().client())
                .forEach(n -> found.add(n.getSid()));
        assertThat(found).containsExactly(number.getSid());
        List<String> partial = new ArrayList<>();
        IncomingPhoneNumber.reader().setPhoneNumber(phone("(312) 555-01**")).read(parley().client())
                .forEach(n -> partial.add(n.getSid()));
        assertThat(partial).containsExactly(number.getSid());
        assertThat(IncomingPhoneNumber.deleter(number.getSid()).delete(parley().client())).isTrue();
        assertCode(() -> IncomingPhoneNumber.fetcher(number.getSid()).fetch(parley().client()), 20404);
    }
}
