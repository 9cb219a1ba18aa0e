package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.ShortCode;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.service.AlphaSender;
import dev.parley.core.service.ChannelSender;
import dev.parley.core.service.ServiceShortCode;
import dev.parley.core.tx.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Short codes, and a Messaging Service's short codes, alpha senders and channel senders (migration V17). */
interface ServiceSenderStoreContract extends UsesDatabase {

    private static ShortCode shortCode(String account, String code, String country, Instant at) {
        return new ShortCode(Fixtures.sid("SC"), account, code, country, "Code " + code,
                new IncomingPhoneNumber.Webhooks(null, "POST", null, "POST", null, "POST"), "simulator", at, at);
    }

    private static String randomCode() {
        return String.valueOf(10_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    private static AlphaSender alpha(String account, String service, String text, String country,
            boolean destination, Instant at) {
        return new AlphaSender(Fixtures.sid("AI"), account, service, text, country, destination, "simulator", at, at);
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

    @Test
    default void shortCodeRoundTripsUpdatesAndIsUniquePerCountryAcrossAccounts() {
        String account = Fixtures.sid("AC");
        String code = randomCode();
        ShortCode us = shortCode(account, code, "US", T0);
        assertThat(did(tx -> tx.shortCodes().insert(us))).isTrue();
        assertThat(one(tx -> tx.shortCodes().find(account, us.sid()))).contains(us);
        assertThat(one(tx -> tx.shortCodes().findByCode("US", code))).contains(us);

        ShortCode taken = shortCode(Fixtures.sid("AC"), code, "US", T0);
        assertThat(did(tx -> tx.shortCodes().insert(taken))).as("same code, same country").isFalse();
        assertThat(one(tx -> tx.shortCodes().find(taken.accountSid(), taken.sid()))).isEmpty();
        ShortCode gb = shortCode(account, code, "GB", T0.plusSeconds(1));
        assertThat(did(tx -> tx.shortCodes().insert(gb))).as("same code, another country").isTrue();

        ShortCode renamed = us.with("Alerts", new IncomingPhoneNumber.Webhooks("https://example.com/in", "GET",
                "https://example.com/fb", "GET", null, "POST"), T0.plusSeconds(9));
        storage().writeVoid(tx -> tx.shortCodes().update(renamed));
        assertThat(one(tx -> tx.shortCodes().find(account, us.sid()))).contains(renamed);
        assertThat(one(tx -> tx.shortCodes().find(Fixtures.sid("AC"), us.sid()))).isEmpty();

        List<ShortCode> all = storage().read(tx -> tx.shortCodes().list(account, null, null, PageRequest.first(10))
                .items());
        assertThat(all).containsExactly(gb, renamed);
        assertThat(rows(tx -> tx.shortCodes().list(account, null, "Alerts", PageRequest.first(10))
                .items())).containsExactly(renamed);
        assertThat(rows(tx -> tx.shortCodes().list(account, "00000", null, PageRequest.first(10))
                .items())).isEmpty();

        assertThat(did(tx -> tx.shortCodes().delete(account, us.sid()))).isTrue();
        assertThat(did(tx -> tx.shortCodes().delete(account, us.sid()))).isFalse();
        assertThat(did(tx -> tx.shortCodes().insert(taken))).as("free again once released").isTrue();
    }

    @Test
    default void aShortCodeIsInOneServiceAndLeavesItOnRelease() {
        String account = Fixtures.sid("AC");
        String one = Fixtures.sid("MG");
        String two = Fixtures.sid("MG");
        ServiceShortCode a = new ServiceShortCode(account, one, Fixtures.sid("SC"), "12345", "US", T0, T0);
        ServiceShortCode b = new ServiceShortCode(account, one, Fixtures.sid("SC"), "67890", "GB", T0.plusSeconds(1),
                T0.plusSeconds(1));
        assertThat(did(tx -> tx.serviceSenders().addShortCode(a))).isTrue();
        assertThat(did(tx -> tx.serviceSenders().addShortCode(b))).isTrue();
        assertThat(did(tx -> tx.serviceSenders().addShortCode(new ServiceShortCode(account, two,
                a.shortCodeSid(), "12345", "US", T0, T0)))).as("held by another service").isFalse();
        assertThat(one(tx -> tx.serviceSenders().findShortCode(account, one, a.shortCodeSid())))
                .contains(a);
        assertThat(one(tx -> tx.serviceSenders().findShortCode(account, two, a.shortCodeSid())))
                .isEmpty();
        assertThat(one(tx -> tx.serviceSenders().serviceOfShortCode(account, a.shortCodeSid())))
                .contains(a);
        assertThat(rows(tx -> tx.serviceSenders().allShortCodes(account, one))).containsExactly(a, b);
        assertThat(rows(tx -> tx.serviceSenders().listShortCodes(account, one, PageRequest.first(10))
                .items())).containsExactly(b, a);

        storage().writeVoid(tx -> tx.serviceSenders().removeShortCodeEverywhere(account, a.shortCodeSid()));
        assertThat(rows(tx -> tx.serviceSenders().allShortCodes(account, one))).containsExactly(b);
        assertThat(did(tx -> tx.serviceSenders().removeShortCode(account, one, b.shortCodeSid())))
                .isTrue();
        assertThat(did(tx -> tx.serviceSenders().removeShortCode(account, one, b.shortCodeSid())))
                .isFalse();
    }

    @Test
    default void alphaSendersKeepOnePerSlotAndListByKindAndCountry() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("MG");
        AlphaSender plain = alpha(account, service, "Parley", null, false, T0);
        AlphaSender fr = alpha(account, service, "ParleyFR", "FR", true, T0.plusSeconds(1));
        AlphaSender fallback = alpha(account, service, "ParleyAll", null, true, T0.plusSeconds(2));
        for (AlphaSender a : List.of(plain, fr, fallback)) {
            assertThat(did(tx -> tx.serviceSenders().addAlphaSender(a))).isTrue();
        }
        assertThat(did(tx -> tx.serviceSenders().addAlphaSender(
                alpha(account, service, "Other", null, false, T0)))).as("a second AlphaSender").isFalse();
        assertThat(did(tx -> tx.serviceSenders().addAlphaSender(
                alpha(account, service, "Other", "FR", true, T0)))).as("a second one for FR").isFalse();
        assertThat(did(tx -> tx.serviceSenders().addAlphaSender(
                alpha(account, service, "Other", null, true, T0)))).as("a second default").isFalse();
        assertThat(did(tx -> tx.serviceSenders().addAlphaSender(
                alpha(account, Fixtures.sid("MG"), "Parley", null, false, T0)))).as("another service").isTrue();

        assertThat(one(tx -> tx.serviceSenders().findAlphaSender(account, service, false, plain.sid())))
                .contains(plain);
        assertThat(one(tx -> tx.serviceSenders().findAlphaSender(account, service, true, plain.sid())))
                .as("an AlphaSender is no DestinationAlphaSender").isEmpty();
        assertThat(rows(tx -> tx.serviceSenders().listAlphaSenders(account, service, true, null,
                PageRequest.first(10)).items())).containsExactly(fallback, fr);
        assertThat(rows(tx -> tx.serviceSenders().listAlphaSenders(account, service, true, "FR",
                PageRequest.first(10)).items())).containsExactly(fr);
        assertThat(rows(tx -> tx.serviceSenders().listAlphaSenders(account, service, false, null,
                PageRequest.first(10)).items())).containsExactly(plain);
        assertThat(rows(tx -> tx.serviceSenders().allAlphaSenders(account, service)))
                .containsExactly(plain, fr, fallback);

        assertThat(did(tx -> tx.serviceSenders().removeAlphaSender(account, service, true, plain.sid())))
                .isFalse();
        assertThat(did(tx -> tx.serviceSenders().removeAlphaSender(account, service, false, plain.sid())))
                .isTrue();
        assertThat(did(tx -> tx.serviceSenders().addAlphaSender(
                alpha(account, service, "Renamed", null, false, T0)))).as("the slot is free again").isTrue();
    }

    @Test
    default void alphaSenderListPagesWithoutGapsOrRepeats() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("MG");
        List<String> expected = new ArrayList<>();
        for (String country : List.of("FR", "DE", "GB", "ES", "IT")) {
            AlphaSender a = alpha(account, service, "Parley", country, true, T0);
            storage().writeVoid(tx -> tx.serviceSenders().addAlphaSender(a));
            expected.add(a.sid());
        }
        expected.sort(java.util.Comparator.reverseOrder());
        List<String> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (true) {
            PageRequest current = request;
            Page<AlphaSender> page = storage().read(tx -> tx.serviceSenders().listAlphaSenders(account, service, true,
                    null, current));
            page.items().forEach(a -> seen.add(a.sid()));
            if (page.next() == null) {
                break;
            }
            request = new PageRequest(2, current.page() + 1, page.next());
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    default void aChannelSenderIsInOneServiceAndLeavesWithTheServiceOrItsNumber() {
        String account = Fixtures.sid("AC");
        String one = Fixtures.sid("MG");
        String two = Fixtures.sid("MG");
        ChannelSender wa = new ChannelSender(account, one, Fixtures.sid("PN"), new PhoneNumber("+14155550100"), T0,
                T0);
        ChannelSender other = new ChannelSender(account, one, Fixtures.sid("PN"), new PhoneNumber("+14155550101"),
                T0.plusSeconds(1), T0.plusSeconds(1));
        assertThat(did(tx -> tx.serviceSenders().addChannelSender(wa))).isTrue();
        assertThat(did(tx -> tx.serviceSenders().addChannelSender(other))).isTrue();
        assertThat(did(tx -> tx.serviceSenders().addChannelSender(new ChannelSender(account, two,
                wa.phoneNumberSid(), wa.phoneNumber(), T0, T0)))).isFalse();
        assertThat(one(tx -> tx.serviceSenders().findChannelSender(account, one, wa.phoneNumberSid())))
                .contains(wa);
        assertThat(one(tx -> tx.serviceSenders().serviceOfChannelSender(account, wa.phoneNumberSid())))
                .contains(wa);
        assertThat(rows(tx -> tx.serviceSenders().listChannelSenders(account, one, PageRequest.first(10))
                .items())).containsExactly(other, wa);

        // A released number leaves the service's channel senders with its pool.
        storage().writeVoid(tx -> tx.messagingServices().removeNumberEverywhere(account, other.phoneNumberSid()));
        assertThat(rows(tx -> tx.serviceSenders().allChannelSenders(account, one))).containsExactly(wa);

        ServiceShortCode code = new ServiceShortCode(account, one, Fixtures.sid("SC"), "12345", "US", T0, T0);
        AlphaSender alpha = alpha(account, one, "Parley", null, false, T0);
        storage().writeVoid(tx -> {
            tx.serviceSenders().addShortCode(code);
            tx.serviceSenders().addAlphaSender(alpha);
        });
        storage().writeVoid(tx -> tx.serviceSenders().removeService(account, one));
        assertThat(rows(tx -> tx.serviceSenders().allChannelSenders(account, one))).isEmpty();
        assertThat(rows(tx -> tx.serviceSenders().allShortCodes(account, one))).isEmpty();
        assertThat(rows(tx -> tx.serviceSenders().allAlphaSenders(account, one))).isEmpty();
        assertThat(did(tx -> tx.serviceSenders().addChannelSender(new ChannelSender(account, two,
                wa.phoneNumberSid(), wa.phoneNumber(), T0, T0)))).as("free once its service is gone").isTrue();
    }
}
