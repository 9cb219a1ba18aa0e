package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.incomingphonenumber.Local;
import com.twilio.rest.api.v2010.account.incomingphonenumber.Mobile;
import com.twilio.rest.api.v2010.account.incomingphonenumber.TollFree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 6, through Twilio's Java SDK: the Local, Mobile and TollFree sub-resources of IncomingPhoneNumbers
 * provision and list numbers of their type (Twilio's 21458 for another type), and any other path under the resource
 * is Twilio's 20404.
 */
interface NumberSubresourcesContract {

    Parley parley();

    private List<String> sids(Consumer<List<String>> reader) {
        List<String> out = new ArrayList<>();
        reader.accept(out);
        return out;
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    @Test
    default void localMobileAndTollFreeNumbersAreProvisionedAndListedByType() {
        Account sub = Account.creator().setFriendlyName("typed numbers").create(parley().client());
        String account = sub.getSid();
        Local local = Local.creator(account, phone("+1917555" + digits(4))).setFriendlyName("local one")
                .create(parley().client());
        TollFree tollFree = TollFree.creator(account, phone("+1800555" + digits(4))).create(parley().client());
        Mobile mobile = Mobile.creator(account, phone("+49151" + digits(8))).create(parley().client());
        assertThat(local.getSid()).matches("PN[0-9a-f]{32}");
        assertThat(local.getFriendlyName()).isEqualTo("local one");
        assertThat(local.getUri()).isEqualTo("/2010-04-01/Accounts/" + account + "/IncomingPhoneNumbers/"
                + local.getSid() + ".json");

        List<String> locals = sids(out -> Local.reader(account).read(parley().client())
                .forEach(n -> out.add(n.getSid())));
        List<String> tollFrees = sids(out -> TollFree.reader(account).read(parley().client())
                .forEach(n -> out.add(n.getSid())));
        List<String> mobiles = sids(out -> Mobile.reader(account).read(parley().client())
                .forEach(n -> out.add(n.getSid())));
        assertThat(locals).containsExactly(local.getSid());
        assertThat(tollFrees).containsExactly(tollFree.getSid());
        assertThat(mobiles).containsExactly(mobile.getSid());
        List<String> all = sids(out -> IncomingPhoneNumber.reader(account).read(parley().client())
                .forEach(n -> out.add(n.getSid())));
        assertThat(all).containsExactlyInAnyOrder(local.getSid(), tollFree.getSid(), mobile.getSid());
        // Each is an ordinary number: fetched, updated and released through the main resource.
        assertThat(IncomingPhoneNumber.fetcher(account, tollFree.getSid()).fetch(parley().client()).getPhoneNumber())
                .isEqualTo(tollFree.getPhoneNumber());

        // The wire: the list's key, its own uri, the filters kept; each number says its type.
        String path = "/2010-04-01/Accounts/" + account + "/IncomingPhoneNumbers/";
        var page = parley().get(path + "TollFree.json?PageSize=1&FriendlyName=" + "x").json();
        assertThat(page.get("incoming_phone_numbers")).isEmpty();
        assertThat(page.get("uri").asText()).startsWith(path + "TollFree.json?").contains("FriendlyName=x");
        var listed = parley().get(path + "Mobile.json").json().get("incoming_phone_numbers").get(0);
        assertThat(listed.get("type").asText()).isEqualTo("mobile");
        assertThat(parley().get(path + local.getSid() + ".json").json().get("type").asText()).isEqualTo("local");
        assertThat(parley().get(path + tollFree.getSid() + ".json").json().get("type").asText())
                .isEqualTo("toll-free");
        assertThat(parley().get(path + "Local.json?PhoneNumber=" + local.getPhoneNumber().toString()
                .replace("+", "%2B")).json().get("incoming_phone_numbers")).hasSize(1);
    }

    @Test
    default void aNumberOfAnotherTypeIsRefusedWith21458AndNothingIsProvisioned() {
        Account sub = Account.creator().setFriendlyName("mismatched numbers").create(parley().client());
        String account = sub.getSid();
        String freeNumber = "+1888555" + digits(4);
        String localNumber = "+1917555" + digits(4);
        assertCode(() -> Local.creator(account, phone(freeNumber)).create(parley().client()), 21458, 400);
        assertCode(() -> TollFree.creator(account, phone(localNumber)).create(parley().client()), 21458, 400);
        assertCode(() -> Mobile.creator(account, phone(localNumber)).create(parley().client()), 21458, 400);
        assertCode(() -> Local.creator(account, phone("+1415")).create(parley().client()), 21421, 400);
        Parley.Answer missing = parley().post("/2010-04-01/Accounts/" + account + "/IncomingPhoneNumbers/Local.json",
                Map.of("AreaCode", "415"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asInt()).isEqualTo(20001);
        assertThat(IncomingPhoneNumber.reader(account).read(parley().client()).iterator().hasNext()).isFalse();
        // The main resource takes any type.
        assertThat(IncomingPhoneNumber.creator(account, phone(freeNumber)).create(parley().client()).getSid())
                .matches("PN[0-9a-f]{32}");
        assertThat(TollFree.reader(account).read(parley().client()).iterator().next().getPhoneNumber().toString())
                .isEqualTo(freeNumber);
    }

    @Test
    default void anUnknownPathUnderIncomingPhoneNumbersAnswers20404() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String path = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/";
        for (String unknown : List.of("National.json", "local.json", "Local", "TollFree.xml")) {
            Parley.Answer get = parley().get(path + unknown);
            assertThat(get.status()).as(unknown).isEqualTo(404);
            assertThat(get.json().get("code").asInt()).as(unknown).isEqualTo(20404);
            Parley.Answer post = parley().post(path + unknown, Map.of("FriendlyName", "renamed"));
            assertThat(post.status()).as(unknown).isEqualTo(404);
            assertThat(post.json().get("code").asInt()).as(unknown).isEqualTo(20404);
        }
        Parley.Answer delete = parley().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(parley().baseUrl() + path + "Local.json")).DELETE(), Parley.ACCOUNT_SID,
                Parley.AUTH_TOKEN);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.json().get("code").asInt()).isEqualTo(20404);
        assertThat(IncomingPhoneNumber.fetcher(number.getSid()).fetch(parley().client()).getFriendlyName())
                .isEqualTo(number.getFriendlyName());
    }
}
