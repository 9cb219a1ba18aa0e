package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.number.IncomingPhoneNumber.Webhooks;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.NumberType;
import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

interface NumberStoreContract extends UsesDatabase {

    private static IncomingPhoneNumber number(String account, String e164, Instant created) {
        return new IncomingPhoneNumber(Fixtures.sid("PN"), account, new PhoneNumber(e164), "My number", Webhooks.NONE,
                "simulator", created, created, null);
    }

    private boolean insert(IncomingPhoneNumber n) {
        return storage().write(tx -> tx.numbers().insert(n));
    }

    private Optional<IncomingPhoneNumber> find(String account, String sid) {
        return storage().read(tx -> tx.numbers().find(account, sid));
    }

    private Optional<IncomingPhoneNumber> findByNumber(String e164) {
        return storage().read(tx -> tx.numbers().findByNumber(new PhoneNumber(e164)));
    }

    private Page<IncomingPhoneNumber> list(String account, String pattern, String name, PageRequest page) {
        return storage().read(tx -> tx.numbers().list(account, pattern, name, page));
    }

    @Test
    default void everyFieldRoundTrips() {
        String account = Fixtures.sid("AC");
        IncomingPhoneNumber n = new IncomingPhoneNumber(Fixtures.sid("PN"), account, new PhoneNumber("+14155550100"),
                "Support line", new Webhooks("https://example.com/sms", "GET", "https://example.com/fallback", "POST",
                        "https://example.com/status", "GET"),
                "smpp:carrier-a", T0, T0.plusSeconds(1), 2.5, "simulator");
        IncomingPhoneNumber bare = number(account, "+14155550101", T0);
        assertThat(insert(n)).isTrue();
        assertThat(insert(bare)).isTrue();
        assertThat(find(account, n.sid())).contains(n);
        assertThat(findByNumber("+14155550100")).contains(n);
        assertThat(find(account, bare.sid())).contains(bare);
        assertThat(findByNumber("+14155550101")).contains(bare);
        assertThat(bare.whatsAppChannel()).isNull();
    }

    @Test
    default void aNumberBelongsToOneAccountAcrossTheInstallation() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        IncomingPhoneNumber mine = number(a, "+14155550100", T0);
        assertThat(insert(mine)).isTrue();

        IncomingPhoneNumber theirs = number(b, "+14155550100", T0.plusSeconds(1));
        assertThat(insert(theirs)).isFalse();
        assertThat(insert(number(a, "+14155550100", T0.plusSeconds(2)))).isFalse();

        assertThat(find(b, theirs.sid())).isEmpty();
        assertThat(list(b, null, null, PageRequest.first(50)).items()).isEmpty();
        assertThat(findByNumber("+14155550100")).contains(mine);
    }

    @Test
    default void findByNumberIsInstallationWide() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        IncomingPhoneNumber ofA = number(a, "+14155550100", T0);
        IncomingPhoneNumber ofB = number(b, "+447700900123", T0);
        insert(ofA);
        insert(ofB);
        assertThat(findByNumber("+14155550100")).contains(ofA);
        assertThat(findByNumber("+447700900123")).contains(ofB);
        assertThat(findByNumber("+14155550199")).isEmpty();
    }

    @Test
    default void anotherAccountCanNeitherSeeNorChangeNorDeleteTheNumber() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        IncomingPhoneNumber n = number(a, "+14155550100", T0);
        insert(n);
        assertThat(find(b, n.sid())).isEmpty();
        IncomingPhoneNumber hijack = new IncomingPhoneNumber(n.sid(), b, n.phoneNumber(), "stolen", Webhooks.NONE,
                null, T0, T0, 1000.0);
        storage().writeVoid(tx -> tx.numbers().update(hijack));
        boolean deleted = storage().write(tx -> tx.numbers().delete(b, n.sid()));
        assertThat(deleted).isFalse();
        assertThat(find(a, n.sid())).contains(n);
    }

    @Test
    default void updateChangesNameWebhooksAndChannel() {
        String account = Fixtures.sid("AC");
        IncomingPhoneNumber n = number(account, "+14155550100", T0);
        insert(n);
        IncomingPhoneNumber changed = n.with("Renamed", new Webhooks("https://example.com/in", "POST", null, "GET",
                null, "POST"), "whatsapp", T0.plusSeconds(9));
        storage().writeVoid(tx -> tx.numbers().update(changed));
        assertThat(find(account, n.sid())).contains(changed);
    }

    @Test
    default void deleteFreesTheNumberForAnyAccount() {
        String a = Fixtures.sid("AC");
        IncomingPhoneNumber n = number(a, "+14155550100", T0);
        insert(n);
        boolean deleted = storage().write(tx -> tx.numbers().delete(a, n.sid()));
        assertThat(deleted).isTrue();
        assertThat(findByNumber("+14155550100")).isEmpty();
        assertThat(insert(number(Fixtures.sid("AC"), "+14155550100", T0))).isTrue();
    }

    @Test
    default void listFiltersAndPagesNewestFirst() {
        String account = Fixtures.sid("AC");
        List<IncomingPhoneNumber> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            IncomingPhoneNumber n = number(account, "+1415555010" + i, T0.plusSeconds(i / 2));
            all.add(n);
            insert(n);
        }
        insert(number(Fixtures.sid("AC"), "+14155550199", T0));
        List<String> expected = all.stream()
                .sorted(java.util.Comparator.comparing(IncomingPhoneNumber::dateCreated)
                        .thenComparing(IncomingPhoneNumber::sid).reversed())
                .map(IncomingPhoneNumber::sid).toList();
        List<String> walked = new ArrayList<>();
        Cursor cursor = null;
        do {
            Page<IncomingPhoneNumber> page = list(account, null, null, new PageRequest(2, 0, cursor));
            walked.addAll(page.items().stream().map(IncomingPhoneNumber::sid).toList());
            cursor = page.next();
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(expected);

        assertThat(list(account, "+14155550103", null, PageRequest.first(50)).items())
                .containsExactly(all.get(3));
        // Twilio's partial numbers, with '*' for any one digit; other accounts' numbers never match.
        assertThat(list(account, "5550103", null, PageRequest.first(50)).items()).containsExactly(all.get(3));
        assertThat(list(account, "+1415555010*", null, PageRequest.first(50)).items()).hasSize(7);
        assertThat(list(account, "0199", null, PageRequest.first(50)).items()).isEmpty();
        assertThat(list(account, null, "My number", PageRequest.first(50)).items()).hasSize(7);
        assertThat(list(account, null, "Other", PageRequest.first(50)).items()).isEmpty();
    }

    @Test
    default void listsOneTypeOfNumberPageByPage() {
        String account = Fixtures.sid("AC");
        List<IncomingPhoneNumber> tollFree = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            IncomingPhoneNumber local = number(account, "+1415555020" + i, T0.plusSeconds(2 * i));
            IncomingPhoneNumber free = number(account, "+1800555020" + i, T0.plusSeconds(2 * i + 1));
            insert(local);
            insert(free);
            tollFree.add(0, free);
        }
        IncomingPhoneNumber mobile = number(account, "+4915112345678", T0.plusSeconds(9));
        insert(mobile);
        insert(number(Fixtures.sid("AC"), "+18005550299", T0));

        List<String> walked = new ArrayList<>();
        Cursor cursor = null;
        do {
            PageRequest request = new PageRequest(2, 0, cursor);
            Page<IncomingPhoneNumber> page = storage().read(tx -> tx.numbers().list(account, null, null,
                    NumberType.TOLL_FREE, request));
            walked.addAll(page.items().stream().map(IncomingPhoneNumber::sid).toList());
            cursor = page.next();
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(tollFree.stream().map(IncomingPhoneNumber::sid).toList());
        assertThat(storage().read(tx -> tx.numbers().list(account, null, null, NumberType.MOBILE,
                PageRequest.first(50))).items()).containsExactly(mobile);
        assertThat(storage().read(tx -> tx.numbers().list(account, "0201", null, NumberType.LOCAL,
                PageRequest.first(50))).items()).extracting(n -> n.phoneNumber().e164())
                .containsExactly("+14155550201");
        assertThat(list(account, null, null, PageRequest.first(50)).items()).hasSize(7);
    }
}
