package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.usage.Record;
import com.twilio.rest.conversations.v1.Conversation;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 2, through Twilio's Java SDK: date filters given as date objects, which the SDKs send as
 * date-times ({@code 2025-07-03T00:00:00}, {@code …Z}, with an offset), find what Twilio finds: the GMT day on API
 * 2010-04-01 lists, instants on Conversations. The suite's clock only moves forward and other tests move it: dates
 * here are read from what Parley reported, never from the wall clock.
 */
interface DateFiltersContract {

    Parley parley();

    private List<String> sids(Consumer<List<String>> reader) {
        List<String> out = new ArrayList<>();
        reader.accept(out);
        return out;
    }

    private List<String> sentTo(String to, Consumer<com.twilio.rest.api.v2010.account.MessageReader> filter) {
        var reader = Message.reader().setTo(phone(to));
        filter.accept(reader);
        return sids(out -> reader.read(parley().client()).forEach(m -> out.add(m.getSid())));
    }

    private static ZonedDateTime midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC);
    }

    @Test
    default void messageDateFiltersGivenAsDateTimesFindTheMessagesOfThatGmtDay() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        Message m = Message.creator(phone(to), number.getPhoneNumber(), "dated").create(parley().client());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(m.getSid()).fetch(parley().client()).getDateSent() != null);
        ZonedDateTime sent = Message.fetcher(m.getSid()).fetch(parley().client()).getDateSent();
        LocalDate day = sent.withZoneSameInstant(ZoneOffset.UTC).toLocalDate();

        // The SDK sends these as date-times ("2025-07-03T00:00:00"); Twilio reads each as its GMT day.
        assertThat(sentTo(to, r -> r.setDateSent(midnight(day)))).containsExactly(m.getSid());
        assertThat(sentTo(to, r -> r.setDateSent(midnight(day.minusDays(1))))).isEmpty();
        assertThat(sentTo(to, r -> r.setDateSent(midnight(day.plusDays(1))))).isEmpty();
        assertThat(sentTo(to, r -> r.setDateSentAfter(midnight(day)))).containsExactly(m.getSid());
        assertThat(sentTo(to, r -> r.setDateSentAfter(midnight(day.plusDays(1))))).isEmpty();
        assertThat(sentTo(to, r -> r.setDateSentBefore(midnight(day)))).containsExactly(m.getSid());
        assertThat(sentTo(to, r -> r.setDateSentBefore(midnight(day.minusDays(1))))).isEmpty();
        assertThat(sentTo(to, r -> r.setDateSentAfter(midnight(day.minusDays(2)))
                .setDateSentBefore(midnight(day.plusDays(2))))).containsExactly(m.getSid());
        // A time later in the day, in another zone: the SDK converts it to UTC, and that day still matches.
        assertThat(sentTo(to, r -> r.setDateSentAfter(midnight(day).plusHours(23).withZoneSameInstant(
                ZoneId.of("Asia/Tokyo"))))).containsExactly(m.getSid());

        // The other SDKs' forms on the wire: a Z, an offset (converted to GMT before the day is taken), fractions.
        String base = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json?To=" + to.replace("+", "%2B");
        assertThat(parley().get(base + "&DateSent=" + day + "T00:00:00Z").json().get("messages")).hasSize(1);
        assertThat(parley().get(base + "&DateSent=" + day + "T12:34:56.789Z").json().get("messages")).hasSize(1);
        assertThat(parley().get(base + "&DateSent=" + day + "T00:00:00%2B00:00").json().get("messages")).hasSize(1);
        // 01:00 at +02:00 is 23:00 GMT the day before; an unencoded '+' arrives as a space and is read the same.
        assertThat(parley().get(base + "&DateSent=" + day + "T01:00:00%2B02:00").json().get("messages")).isEmpty();
        assertThat(parley().get(base + "&DateSent=" + day + "T01:00:00+02:00").json().get("messages")).isEmpty();
        assertThat(parley().get(base + "&DateSent=" + day.minusDays(1) + "T23:30:00-02:00").json().get("messages"))
                .hasSize(1);
        assertThat(parley().get(base + "&DateSent%3E=" + day + "T00:00:00Z&DateSent%3C=" + day + "T00:00:00Z")
                .json().get("messages")).hasSize(1);

        for (String bad : List.of("DateSent=" + day + "T25:00:00Z", "DateSent%3C=tomorrow", "DateSent%3E=2025-13-01",
                "DateSent=" + day + "Tnoon")) {
            Parley.Answer refused = parley().get(base + "&" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("code").asInt()).as(bad).isEqualTo(20001);
            assertThat(refused.json().get("message").asText()).as(bad).contains("DateSent");
        }
    }

    @Test
    default void mediaDateFiltersGivenAsDateTimesFindTheMediaOfThatGmtDay() {
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
            Message m = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "see attached")
                    .setMediaUrl(List.of(java.net.URI.create(files.serve("/dated.png", "image/png",
                            MediaServer.image("png", 20, 20))))).create(parley().client());
            await().atMost(Duration.ofSeconds(15)).until(() -> Message.fetcher(m.getSid()).fetch(parley().client())
                    .getStatus() == Message.Status.DELIVERED);
            List<com.twilio.rest.api.v2010.account.message.Media> all = new ArrayList<>();
            com.twilio.rest.api.v2010.account.message.Media.reader(m.getSid()).read(parley().client())
                    .forEach(all::add);
            assertThat(all).hasSize(1);
            String media = all.getFirst().getSid();
            LocalDate day = all.getFirst().getDateCreated().withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            Consumer<Consumer<com.twilio.rest.api.v2010.account.message.MediaReader>> found = filter -> {
                var reader = com.twilio.rest.api.v2010.account.message.Media.reader(m.getSid());
                filter.accept(reader);
                assertThat(sids(out -> reader.read(parley().client()).forEach(x -> out.add(x.getSid()))))
                        .containsExactly(media);
            };
            Consumer<Consumer<com.twilio.rest.api.v2010.account.message.MediaReader>> none = filter -> {
                var reader = com.twilio.rest.api.v2010.account.message.Media.reader(m.getSid());
                filter.accept(reader);
                assertThat(reader.read(parley().client()).iterator().hasNext()).isFalse();
            };
            found.accept(r -> r.setDateCreated(midnight(day)));
            none.accept(r -> r.setDateCreated(midnight(day.plusDays(1))));
            found.accept(r -> r.setDateCreatedAfter(midnight(day)).setDateCreatedBefore(midnight(day)));
            none.accept(r -> r.setDateCreatedBefore(midnight(day.minusDays(1))));
            none.accept(r -> r.setDateCreatedAfter(midnight(day.plusDays(1))));

            String path = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages/" + m.getSid()
                    + "/Media.json?PageSize=1&DateCreated%3E=" + day + "T00:00:00Z";
            var page = parley().get(path).json();
            assertThat(page.get("media_list")).hasSize(1);
            assertThat(page.get("uri").asText()).contains("DateCreated%3E=" + day + "T00%3A00%3A00Z");
            Parley.Answer refused = parley().get(path.replace("%3E=" + day, "=" + day + "X"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("code").asInt()).isEqualTo(20001);
        }
    }

    @Test
    default void usageRecordDatesGivenAsDateTimesNameTheirDays() {
        Account sub = Account.creator().setFriendlyName("dated usage " + System.nanoTime()).create(parley().client());
        String from = IncomingPhoneNumber.creator(sub.getSid(), "415").create(parley().client()).getPhoneNumber()
                .toString();
        Message m = Message.creator(sub.getSid(), phone(Fixtures.handset()), phone(from), "counted")
                .create(parley().client());
        await().atMost(Duration.ofSeconds(10)).until(() -> Message.fetcher(sub.getSid(), m.getSid())
                .fetch(parley().client()).getStatus() == Message.Status.DELIVERED);
        LocalDate day = Message.fetcher(sub.getSid(), m.getSid()).fetch(parley().client()).getDateCreated()
                .withZoneSameInstant(ZoneOffset.UTC).toLocalDate();

        List<Record> sdk = new ArrayList<>();
        Record.reader(sub.getSid()).setCategory("sms-outbound").setStartDate(day).setEndDate(day)
                .read(parley().client()).forEach(sdk::add);
        assertThat(sdk).singleElement().satisfies(r -> {
            assertThat(r.getCount()).isEqualTo("1");
            assertThat(r.getStartDate()).isEqualTo(day);
            assertThat(r.getEndDate()).isEqualTo(day);
        });

        String base = "/2010-04-01/Accounts/" + sub.getSid() + "/Usage/Records.json?Category=sms-outbound";
        var asDateTimes = parley().get(base + "&StartDate=" + day + "T00:00:00Z&EndDate=" + day + "T00:00:00Z")
                .json().get("usage_records").get(0);
        assertThat(asDateTimes.get("count").asText()).isEqualTo("1");
        assertThat(asDateTimes.get("start_date").asText()).isEqualTo(day.toString());
        assertThat(asDateTimes.get("end_date").asText()).isEqualTo(day.toString());
        var dayAfter = parley().get(base + "&StartDate=" + day.plusDays(1) + "T00:00:00&EndDate="
                + day.plusDays(1) + "T23:59:59Z").json().get("usage_records").get(0);
        assertThat(dayAfter.get("count").asText()).isEqualTo("0");
        assertThat(dayAfter.get("start_date").asText()).isEqualTo(day.plusDays(1).toString());
        Parley.Answer refused = parley().get(base + "&EndDate=" + day + "T99");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asInt()).isEqualTo(20001);
    }

    @Test
    default void conversationDateFiltersReadInstantsAndWholeDays() {
        Account sub = Account.creator().setFriendlyName("dated conversations").create(parley().client());
        var client = parley().client(sub.getSid(), sub.getAuthToken());
        Conversation c = Conversation.creator().setFriendlyName("dated").create(client);
        ZonedDateTime created = c.getDateCreated().withZoneSameInstant(ZoneOffset.UTC);
        LocalDate day = created.toLocalDate();
        Consumer<String[]> expect = range -> {
            List<String> seen = new ArrayList<>();
            Conversation.reader().setStartDate(range[0]).setEndDate(range[1]).read(client)
                    .forEach(x -> seen.add(x.getSid()));
            if (range[2].equals("found")) {
                assertThat(seen).as(String.join(" ", range)).containsExactly(c.getSid());
            } else {
                assertThat(seen).as(String.join(" ", range)).isEmpty();
            }
        };
        expect.accept(new String[] {day + "T00:00:00Z", day + "T23:59:59Z", "found"});
        expect.accept(new String[] {day.toString(), day.toString(), "found"});
        expect.accept(new String[] {day + "T00:00:00", day + "T23:59:59", "found"});
        expect.accept(new String[] {day.plusDays(1) + "T00:00:00Z", day.plusDays(1) + "T23:59:59Z", "missing"});
        // Instants: created at or after StartDate, at or before EndDate (to the second).
        String second = created.withNano(0).toInstant().toString();
        expect.accept(new String[] {day + "T00:00:00Z", second, "found"});
        expect.accept(new String[] {created.plusSeconds(1).withNano(0).toInstant().toString(),
            day + "T23:59:59Z", "missing"});
        assertCode(() -> Conversation.reader().setStartDate("last week").read(client).iterator().hasNext(), 20001,
                400);
    }
}
