package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.service.MessagingService;
import dev.parley.core.service.ServicePhoneNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

interface MessagingServiceStoreContract extends UsesDatabase {

    private static MessagingService service(String account, Instant created) {
        return new MessagingService(Fixtures.sid("MG"), account, "Reminders",
                new MessagingService.Inbound(null, "POST", null, "POST", false), null, MessagingService.Flags.DEFAULT,
                "inherit", 36_000, "undeclared", created, created);
    }

    private static ServicePhoneNumber entry(MessagingService s, String e164, Instant at) {
        return new ServicePhoneNumber(s.accountSid(), s.sid(), Fixtures.sid("PN"), new PhoneNumber(e164), at, at);
    }

    private void insert(MessagingService s) {
        storage().writeVoid(tx -> tx.messagingServices().insert(s));
    }

    private java.util.Optional<MessagingService> find(String account, String sid) {
        return storage().read(tx -> tx.messagingServices().find(account, sid));
    }

    private List<ServicePhoneNumber> pool(String account, String serviceSid) {
        return storage().read(tx -> tx.messagingServices().pool(account, serviceSid));
    }

    private java.util.Optional<ServicePhoneNumber> poolOf(String account, String phoneNumberSid) {
        return storage().read(tx -> tx.messagingServices().poolOf(account, phoneNumberSid));
    }

    private java.util.Optional<String> sticky(String account, String serviceSid, String recipient) {
        return storage().read(tx -> tx.messagingServices().stickySender(account, serviceSid, recipient));
    }

    private boolean add(ServicePhoneNumber n) {
        return storage().write(tx -> tx.messagingServices().addNumber(n));
    }

    @Test
    default void everyFieldRoundTripsAndUpdates() {
        String account = Fixtures.sid("AC");
        MessagingService full = new MessagingService(Fixtures.sid("MG"), account, "Everything",
                new MessagingService.Inbound("https://example.com/in", "GET", "https://example.com/fallback", "GET",
                        true),
                "https://example.com/status",
                new MessagingService.Flags(false, false, false, true, false, false, false), "disable", 120,
                "marketing", T0, T0.plusSeconds(1));
        insert(full);
        assertThat(find(account, full.sid())).contains(full);

        MessagingService renamed = new MessagingService(full.sid(), account, "Renamed", full.inbound(), null,
                MessagingService.Flags.DEFAULT, "inherit", 36_000, "undeclared", T0, T0.plusSeconds(5));
        storage().writeVoid(tx -> tx.messagingServices().update(renamed));
        assertThat(find(account, full.sid())).contains(renamed);
        assertThat(find(Fixtures.sid("AC"), full.sid())).isEmpty();
    }

    @Test
    default void listIsNewestFirstAndPagesWithoutGapsOrRepeats() {
        String account = Fixtures.sid("AC");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MessagingService s = service(account, T0.plusSeconds(i));
            insert(s);
            expected.addFirst(s.sid());
        }
        insert(service(Fixtures.sid("AC"), T0));
        List<String> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (true) {
            PageRequest current = request;
            Page<MessagingService> page = storage().read(tx -> tx.messagingServices().list(account, current));
            page.items().forEach(s -> seen.add(s.sid()));
            if (page.next() == null) {
                break;
            }
            request = new PageRequest(2, current.page() + 1, page.next());
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    default void aNumberIsInOnePoolAndLeavesItWithTheServiceOrOnRelease() {
        String account = Fixtures.sid("AC");
        MessagingService one = service(account, T0);
        MessagingService two = service(account, T0);
        insert(one);
        insert(two);
        ServicePhoneNumber n = entry(one, "+14155550100", T0);
        ServicePhoneNumber m = entry(one, "+14155550101", T0.plusSeconds(1));
        assertThat(add(n)).isTrue();
        assertThat(add(m)).isTrue();
        assertThat(add(n)).isFalse();
        assertThat(add(new ServicePhoneNumber(account, two.sid(), n.phoneNumberSid(), n.phoneNumber(), T0, T0)))
                .isFalse();
        assertThat(pool(account, one.sid())).containsExactly(n, m);
        assertThat(poolOf(account, n.phoneNumberSid())).contains(n);
        List<ServicePhoneNumber> newestFirst = storage().read(tx -> tx.messagingServices()
                .listNumbers(account, one.sid(), PageRequest.first(10)).items());
        assertThat(newestFirst).containsExactly(m, n);

        storage().writeVoid(tx -> tx.messagingServices().removeNumberEverywhere(account, m.phoneNumberSid()));
        assertThat(pool(account, one.sid())).containsExactly(n);
        boolean deleted = storage().write(tx -> tx.messagingServices().delete(account, one.sid()));
        assertThat(deleted).isTrue();
        assertThat(poolOf(account, n.phoneNumberSid())).isEmpty();
        assertThat(add(new ServicePhoneNumber(account, two.sid(), n.phoneNumberSid(), n.phoneNumber(), T0, T0)))
                .isTrue();
    }

    @Test
    default void stickySenderIsRememberedAndReplacedPerServiceAndRecipient() {
        String account = Fixtures.sid("AC");
        MessagingService s = service(account, T0);
        insert(s);
        storage().writeVoid(tx -> tx.messagingServices().rememberSender(account, s.sid(), "+12025550100",
                "+14155550100", T0));
        assertThat(sticky(account, s.sid(), "+12025550100"))
                .contains("+14155550100");
        storage().writeVoid(tx -> tx.messagingServices().rememberSender(account, s.sid(), "+12025550100",
                "+14155550101", T0.plusSeconds(1)));
        assertThat(sticky(account, s.sid(), "+12025550100"))
                .contains("+14155550101");
        assertThat(sticky(account, s.sid(), "+12025550199"))
                .isEmpty();
        assertThat(sticky(Fixtures.sid("AC"), s.sid(), "+12025550100")).isEmpty();
    }
}
