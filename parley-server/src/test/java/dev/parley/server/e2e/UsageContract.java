package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.usage.Record;
import com.twilio.rest.api.v2010.account.usage.record.AllTime;
import com.twilio.rest.api.v2010.account.usage.record.Daily;
import com.twilio.rest.api.v2010.account.usage.record.LastMonth;
import com.twilio.rest.api.v2010.account.usage.record.Monthly;
import com.twilio.rest.api.v2010.account.usage.record.ThisMonth;
import com.twilio.rest.api.v2010.account.usage.record.Today;
import com.twilio.rest.api.v2010.account.usage.record.Yearly;
import com.twilio.rest.api.v2010.account.usage.record.Yesterday;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prices on final messages and Usage Records through Twilio's SDK. Each test works in a subaccount of its own,
 * so its usage is its own although the server is shared.
 */
interface UsageContract {

    Parley parley();

    /** A 2-segment GSM-7 body. */
    String TWO_SEGMENTS = "x".repeat(200);

    private Account tenant() {
        return Account.creator().setFriendlyName("usage " + System.nanoTime()).create(parley().client());
    }

    private String number(String account) {
        return IncomingPhoneNumber.creator(account, "415").create(parley().client()).getPhoneNumber().toString();
    }

    private void handset(String account, String handset, String behavior, String errorCode) {
        var answer = parley().post("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B"),
                Map.of("Behavior", behavior, "ErrorCode", errorCode, "AccountSid", account));
        assertThat(answer.status()).isEqualTo(200);
    }

    private Message send(String account, String from, String to, String body) {
        return Message.creator(account, phone(to), phone(from), body).create(parley().client());
    }

    private Message awaitFinal(String account, String sid, Message.Status status) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(account, sid).fetch(parley().client()).getStatus() == status);
        return Message.fetcher(account, sid).fetch(parley().client());
    }

    private static <T> Map<String, T> byCategory(Iterable<T> records, java.util.function.Function<T, String> category) {
        Map<String, T> out = new HashMap<>();
        records.forEach(r -> assertThat(out.put(category.apply(r), r)).as("one record per category").isNull());
        return out;
    }

    private Map<String, Record> allTime(String account) {
        return byCategory(Record.reader(account).read(parley().client()), Record::getCategory);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(parley().clock().instant(), ZoneOffset.UTC);
    }

    @Test
    default void everyFinalMessageCarriesItsPriceAndUsageAddsUpToTheCentAlsoAfterADelete() {
        String sub = tenant().getSid();
        String from = number(sub);
        String ok = Fixtures.handset();
        String refusing = Fixtures.handset();
        String undelivering = Fixtures.handset();
        String unreachable = Fixtures.handset();
        handset(sub, refusing, "fail", "30004");
        handset(sub, undelivering, "undeliver", "30005");
        handset(sub, unreachable, "fail", "30008");

        Message one = send(sub, from, ok, "one segment");
        Message two = send(sub, from, ok, TWO_SEGMENTS);
        Message failed = send(sub, from, refusing, "blocked");
        Message undelivered = send(sub, from, undelivering, "lost");
        Message exempt = send(sub, from, unreachable, "unknown error");
        var inbound = parley().post("/parley/v1/Simulator/Messages",
                Map.of("From", ok, "To", from, "Body", "a reply", "AccountSid", sub));
        assertThat(inbound.status()).isEqualTo(201);
        assertThat(inbound.json().get("price").asText()).isEqualTo("-0.00790");
        assertThat(inbound.json().get("price_unit").asText()).isEqualTo("USD");

        assertThat(awaitFinal(sub, one.getSid(), Message.Status.DELIVERED).getPrice()).isEqualTo("-0.00790");
        Message twoDone = awaitFinal(sub, two.getSid(), Message.Status.DELIVERED);
        assertThat(twoDone.getNumSegments()).isEqualTo("2");
        assertThat(twoDone.getPrice()).isEqualTo("-0.01580");
        assertThat(awaitFinal(sub, failed.getSid(), Message.Status.FAILED).getPrice()).isEqualTo("-0.00100");
        assertThat(awaitFinal(sub, undelivered.getSid(), Message.Status.UNDELIVERED).getPrice()).isEqualTo("-0.00790");
        Message exemptDone = awaitFinal(sub, exempt.getSid(), Message.Status.FAILED);
        assertThat(exemptDone.getErrorCode()).isEqualTo(30008);
        assertThat(exemptDone.getPrice()).isNull();
        assertThat(exemptDone.getPriceUnit().getCurrencyCode()).isEqualTo("USD");

        BigDecimal sumOfPrices = BigDecimal.ZERO;
        for (Message m : Message.reader(sub).read(parley().client())) {
            if (m.getPrice() != null) {
                sumOfPrices = sumOfPrices.add(new BigDecimal(m.getPrice()).negate());
            }
        }
        assertThat(sumOfPrices).isEqualByComparingTo("0.04050");

        Map<String, Record> usage = allTime(sub);
        assertThat(usage.keySet()).contains("sms", "sms-outbound", "sms-inbound", "mms", "mms-outbound",
                "mms-inbound", "totalprice");
        Record outbound = usage.get("sms-outbound");
        assertThat(outbound.getCount()).isEqualTo("4");
        assertThat(outbound.getCountUnit()).isEqualTo("messages");
        assertThat(outbound.getUsage()).isEqualTo("4");
        assertThat(outbound.getUsageUnit()).isEqualTo("segments");
        assertThat(outbound.getPrice()).isEqualByComparingTo("0.03260");
        assertThat(outbound.getPriceUnit().getCurrencyCode()).isEqualTo("USD");
        assertThat(outbound.getAccountSid()).isEqualTo(sub);
        assertThat(usage.get("sms-inbound").getCount()).isEqualTo("1");
        assertThat(usage.get("sms-inbound").getPrice()).isEqualByComparingTo("0.00790");
        assertThat(usage.get("sms").getCount()).isEqualTo("5");
        assertThat(usage.get("sms").getPrice()).isEqualByComparingTo("0.04050");
        assertThat(usage.get("mms").getPrice()).isEqualByComparingTo("0");
        assertThat(usage.get("mms").getCount()).isEqualTo("0");
        Record total = usage.get("totalprice");
        assertThat(total.getPrice()).isEqualByComparingTo(sumOfPrices);
        assertThat(total.getUsage()).isEqualTo("0.04050");
        assertThat(total.getUsageUnit()).isEqualTo("usd");
        assertThat(total.getEndDate()).isEqualTo(today());

        // Twilio still bills a deleted message.
        assertThat(Message.deleter(sub, twoDone.getSid()).delete(parley().client())).isTrue();
        assertThat(allTime(sub).get("totalprice").getPrice()).isEqualByComparingTo("0.04050");
    }

    @Test
    default void todayYesterdayAndLastMonthFollowTheClockInUtcDays() {
        String sub = tenant().getSid();
        String from = number(sub);
        Message m = send(sub, from, Fixtures.handset(), "dated usage");
        awaitFinal(sub, m.getSid(), Message.Status.DELIVERED);
        LocalDate sentOn = today();

        Map<String, Today> today = byCategory(Today.reader(sub).read(parley().client()), Today::getCategory);
        assertThat(today.get("sms-outbound").getCount()).isEqualTo("1");
        assertThat(today.get("sms-outbound").getStartDate()).isEqualTo(sentOn);
        assertThat(today.get("sms-outbound").getEndDate()).isEqualTo(sentOn);
        assertThat(today.get("totalprice").getPrice()).isEqualByComparingTo("0.00790");
        assertThat(byCategory(ThisMonth.reader(sub).read(parley().client()), ThisMonth::getCategory)
                .get("totalprice").getPrice()).isEqualByComparingTo("0.00790");
        assertThat(byCategory(Yesterday.reader(sub).read(parley().client()), Yesterday::getCategory)
                .get("totalprice").getPrice()).isEqualByComparingTo("0");

        parley().advance(Duration.ofDays(1));
        Map<String, Yesterday> yesterday = byCategory(Yesterday.reader(sub).read(parley().client()),
                Yesterday::getCategory);
        assertThat(yesterday.get("sms-outbound").getCount()).isEqualTo("1");
        assertThat(yesterday.get("sms-outbound").getStartDate()).isEqualTo(sentOn);
        assertThat(byCategory(Today.reader(sub).read(parley().client()), Today::getCategory)
                .get("sms-outbound").getCount()).isEqualTo("0");

        // Daily: one record per category per day, the charge on the day it was made.
        List<Daily> daily = new ArrayList<>();
        Daily.reader(sub).setCategory("sms-outbound").read(parley().client()).forEach(daily::add);
        assertThat(daily).extracting(Daily::getStartDate).containsExactly(sentOn, sentOn.plusDays(1));
        assertThat(daily).extracting(Daily::getCount).containsExactly("1", "0");

        // To the first hour of next month: the message is last month's.
        var now = parley().clock().instant();
        var nextMonth = today().withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).plusHours(1).toInstant();
        parley().advance(Duration.between(now, nextMonth));
        Map<String, LastMonth> lastMonth = byCategory(LastMonth.reader(sub).read(parley().client()),
                LastMonth::getCategory);
        boolean sameMonth = sentOn.getMonth() == today().minusMonths(1).getMonth();
        assertThat(lastMonth.get("totalprice").getPrice()).isEqualByComparingTo(sameMonth ? "0.00790" : "0");
        assertThat(lastMonth.get("totalprice").getStartDate()).isEqualTo(today().minusMonths(1));
        assertThat(lastMonth.get("totalprice").getEndDate()).isEqualTo(today().minusDays(1));
        assertThat(byCategory(ThisMonth.reader(sub).read(parley().client()), ThisMonth::getCategory)
                .get("totalprice").getPrice()).isEqualByComparingTo("0");

        List<Monthly> monthly = new ArrayList<>();
        Monthly.reader(sub).setCategory("sms").read(parley().client()).forEach(monthly::add);
        assertThat(monthly).extracting(Monthly::getStartDate)
                .containsExactly(sentOn, today().withDayOfMonth(1));
        assertThat(monthly.getFirst().getEndDate()).isEqualTo(sentOn.withDayOfMonth(sentOn.lengthOfMonth()));
        assertThat(monthly).extracting(Monthly::getCount).containsExactly("1", "0");
        List<Yearly> yearly = new ArrayList<>();
        Yearly.reader(sub).setCategory("totalprice").read(parley().client()).forEach(yearly::add);
        assertThat(yearly.stream().map(Yearly::getPrice).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("0.00790");
        assertThat(byCategory(AllTime.reader(sub).read(parley().client()), AllTime::getCategory)
                .get("sms-outbound").getCount()).isEqualTo("1");
    }

    @Test
    default void filtersByCategoryAndDatesIncludingRelativeOnesAndRefusesBadOnes() {
        String sub = tenant().getSid();
        Message m = send(sub, number(sub), Fixtures.handset(), "filtered");
        awaitFinal(sub, m.getSid(), Message.Status.DELIVERED);

        List<Record> sms = new ArrayList<>();
        Record.reader(sub).setCategory("sms").read(parley().client()).forEach(sms::add);
        assertThat(sms).extracting(Record::getCategory).containsExactly("sms");
        assertThat(sms.getFirst().getCount()).isEqualTo("1");

        Record.reader(sub).setStartDate(today().plusDays(1)).setEndDate(today().plusDays(2)).read(parley().client())
                .forEach(r -> assertThat(r.getPrice()).isEqualByComparingTo("0"));
        assertThat(byCategory(Record.reader(sub).setStartDate(today()).setEndDate(today()).read(parley().client()),
                Record::getCategory).get("totalprice").getPrice()).isEqualByComparingTo("0.00790");

        String base = "/2010-04-01/Accounts/" + sub + "/Usage/Records.json?Category=totalprice";
        var relative = parley().get(base + "&StartDate=-30days&EndDate=%2B30days").json().get("usage_records").get(0);
        assertThat(relative.get("start_date").asText()).isEqualTo(today().minusDays(30).toString());
        assertThat(relative.get("end_date").asText()).isEqualTo(today().plusDays(30).toString());
        assertThat(relative.get("price").decimalValue()).isEqualByComparingTo("0.00790");

        var badDate = parley().get(base + "&StartDate=last-week");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("code").asInt()).isEqualTo(20001);
        var badCategory = parley().get("/2010-04-01/Accounts/" + sub + "/Usage/Records.json?Category=faxes");
        assertThat(badCategory.status()).isEqualTo(400);
        assertThat(badCategory.json().get("code").asInt()).isEqualTo(20001);
    }

    @Test
    default void pagingWalksEveryRecordThroughTheSdk() {
        String sub = tenant().getSid();
        ResourceSet<Daily> days = Daily.reader(sub).setStartDate(today().minusDays(2)).setEndDate(today())
                .setPageSize(7L).read(parley().client());
        List<String> seen = new ArrayList<>();
        days.forEach(d -> seen.add(d.getStartDate() + " " + d.getCategory()));
        assertThat(seen).hasSize(3 * 11).doesNotHaveDuplicates();
        assertThat(seen).filteredOn(s -> s.endsWith(" totalprice")).hasSize(3);
        var first = parley().get("/2010-04-01/Accounts/" + sub + "/Usage/Records/Daily.json?PageSize=7&StartDate="
                + today().minusDays(2)).json();
        assertThat(first.get("usage_records")).hasSize(7);
        assertThat(first.get("next_page_uri").asText()).contains("Page=1").contains("PageToken=")
                .contains("StartDate=" + today().minusDays(2));
        assertThat(first.get("uri").asText()).startsWith("/2010-04-01/Accounts/" + sub + "/Usage/Records/Daily.json?");
    }

    @Test
    default void aParentReadsEachSubaccountSeparatelyAndIncludesThemOnlyAsTheSpecSays() {
        Account a = tenant();
        Account b = tenant();
        Message m = send(a.getSid(), number(a.getSid()), Fixtures.handset(), "tenant A");
        awaitFinal(a.getSid(), m.getSid(), Message.Status.DELIVERED);

        // The parent reads A's usage on A's path, and B's separately: B has none.
        assertThat(allTime(a.getSid()).get("totalprice").getPrice()).isEqualByComparingTo("0.00790");
        assertThat(allTime(b.getSid()).get("totalprice").getPrice()).isEqualByComparingTo("0");

        // On the parent's own path, IncludeSubaccounts (default true) adds its subaccounts' usage.
        BigDecimal own = byCategory(Record.reader(Parley.ACCOUNT_SID).setIncludeSubaccounts(false)
                .read(parley().client()), Record::getCategory).get("totalprice").getPrice();
        BigDecimal withSubs = byCategory(Record.reader(Parley.ACCOUNT_SID).read(parley().client()),
                Record::getCategory).get("totalprice").getPrice();
        assertThat(withSubs.subtract(own)).isGreaterThanOrEqualTo(new BigDecimal("0.00790"));

        // A subaccount sees only itself.
        var asB = parley().client(b.getSid(), b.getAuthToken());
        assertThat(Record.reader(b.getSid()).read(asB).iterator().next().getAccountSid()).isEqualTo(b.getSid());
        assertThatThrownBy(() -> Record.reader(a.getSid()).read(asB).iterator().next())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
        assertThatThrownBy(() -> Record.reader(Parley.ACCOUNT_SID).read(asB).iterator().next())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
    }
}
