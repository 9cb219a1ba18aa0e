package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.usage.Record;
import com.twilio.rest.api.v2010.account.usage.record.Monthly;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The active-conversation fee: each conversation with a message in a calendar month (UTC) costs the price table's
 * $0.05 once for that month, reported as usage category {@code conversations} beside the message charges. Works in
 * a subaccount of its own so that its usage is its own; moves the shared clock forward only.
 */
interface ConversationPriceContract {

    Parley parley();

    private LocalDate today() {
        return LocalDate.ofInstant(parley().clock().instant(), ZoneOffset.UTC);
    }

    private static void say(TwilioRestClient client, Conversation c, String body) {
        Message.creator(c.getSid()).setAuthor("agent").setBody(body).create(client);
    }

    @Test
    default void eachConversationIsChargedOncePerMonthInWhichItHadAMessage() {
        Account tenant = Account.creator().setFriendlyName("conversation fee " + System.nanoTime())
                .create(parley().client());
        String sub = tenant.getSid();
        TwilioRestClient client = parley().client(sub, tenant.getAuthToken());
        Conversation first = Conversation.creator().setFriendlyName("first").create(client);
        Conversation second = Conversation.creator().setFriendlyName("second").create(client);
        LocalDate firstMonth = today().withDayOfMonth(1);
        say(client, first, "one");
        say(client, first, "two");
        say(client, second, "three");

        Record conversations = conversations(sub);
        assertThat(conversations.getCount()).isEqualTo("2");
        assertThat(conversations.getPrice()).isEqualByComparingTo("0.10");
        assertThat(conversations.getPriceUnit().getCurrencyCode()).isEqualTo("USD");

        // Into the next month: only the first conversation has a message there.
        var now = parley().clock().instant();
        var nextMonth = firstMonth.plusMonths(1).atStartOfDay(ZoneOffset.UTC).plusHours(1).toInstant();
        parley().advance(Duration.between(now, nextMonth));
        say(client, first, "four");
        say(client, first, "five");

        List<Monthly> monthly = new ArrayList<>();
        Monthly.reader(sub).setCategory("conversations").setStartDate(firstMonth).read(parley().client())
                .forEach(monthly::add);
        assertThat(monthly).extracting(Monthly::getStartDate).containsExactly(firstMonth, firstMonth.plusMonths(1));
        assertThat(monthly).extracting(Monthly::getCount).containsExactly("2", "1");
        assertThat(monthly.get(0).getPrice()).isEqualByComparingTo("0.10");
        assertThat(monthly.get(1).getPrice()).isEqualByComparingTo("0.05");
        Record total = Record.reader(sub).setCategory("totalprice").setStartDate(firstMonth).read(parley().client())
                .iterator().next();
        // Chat-only conversations send no SMS: the fee is the whole bill.
        assertThat(total.getPrice()).isEqualByComparingTo("0.15");
    }

    private Record conversations(String account) {
        List<Record> records = new ArrayList<>();
        Record.reader(account).setCategory("conversations").read(parley().client()).forEach(records::add);
        assertThat(records).hasSize(1);
        return records.getFirst();
    }
}
