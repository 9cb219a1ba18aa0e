package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.base.Page;
import com.twilio.base.Reader;
import com.twilio.base.Resource;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.usage.Record;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.PhoneNumber;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Paging backwards through Twilio's Java SDK ({@code previousPage}, built from {@code previous_page_uri} on 2010 lists
 * and {@code meta.previous_page_url} on v1 lists): forward, then back, then forward again gives the same pages, with
 * the list's filters and order kept. {@link PagingLinksContract} checks the links of every other list on the wire.
 */
interface PagingContract {

    Parley parley();

    @Test
    default void messagesToOneNumberPageBackNewestFirstAndStayPutWhenOneArrives() {
        TwilioRestClient client = parley().client();
        IncomingPhoneNumber number = Fixtures.number(client, null, null);
        String to = Fixtures.handset();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sent.add(Message.creator(phone(to), number.getPhoneNumber(), "page " + i).create(client).getSid());
            // Messages to another number fall between them: the To filter must hold in every link.
            Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "other " + i).create(client);
        }
        List<String> newestFirst = sent.reversed();
        var reader = Message.reader().setTo(phone(to)).pageSize(3);

        List<Page<Message>> pages = forwardBackForward(reader, Message::getSid, chunks(newestFirst, 3));
        String previous = pages.get(1).getPreviousPageUrl("api");
        assertThat(previous).startsWith("https://api.twilio.com/2010-04-01/Accounts/" + Parley.ACCOUNT_SID
                + "/Messages.json?").contains("To=" + enc(to), "PageSize=3", "PageToken=PB");

        String late = Message.creator(phone(to), number.getPhoneNumber(), "late").create(client).getSid();
        Page<Message> middle = reader.previousPage(pages.getLast(), client);
        assertThat(sids(middle, Message::getSid)).isEqualTo(newestFirst.subList(3, 6));
        Page<Message> first = reader.previousPage(middle, client);
        assertThat(sids(first, Message::getSid)).isEqualTo(newestFirst.subList(0, 3));
        assertThat(sids(reader.previousPage(first, client), Message::getSid)).containsExactly(late);
    }

    @Test
    default void conversationMessagesPageBackInEitherOrder() {
        TwilioRestClient client = parley().client();
        Conversation c = Conversation.creator().setFriendlyName("paging").create(client);
        List<String> posted = IntStream.range(0, 8).mapToObj(i -> com.twilio.rest.conversations.v1.conversation.Message
                .creator(c.getSid()).setAuthor("pager").setBody("m" + i).create(client).getSid()).toList();

        var ascending = com.twilio.rest.conversations.v1.conversation.Message.reader(c.getSid())
                .setOrder(com.twilio.rest.conversations.v1.conversation.Message.OrderType.ASC).pageSize(3);
        List<Page<com.twilio.rest.conversations.v1.conversation.Message>> up = forwardBackForward(ascending,
                com.twilio.rest.conversations.v1.conversation.Message::getSid, chunks(posted, 3));
        assertThat(up.get(1).getPreviousPageUrl("conversations")).startsWith(parley().baseUrl()
                + "/conversations/v1/Conversations/" + c.getSid() + "/Messages?").contains("Order=asc", "PageToken=PB");

        var descending = com.twilio.rest.conversations.v1.conversation.Message.reader(c.getSid())
                .setOrder(com.twilio.rest.conversations.v1.conversation.Message.OrderType.DESC).pageSize(3);
        List<Page<com.twilio.rest.conversations.v1.conversation.Message>> down = forwardBackForward(descending,
                com.twilio.rest.conversations.v1.conversation.Message::getSid, chunks(posted.reversed(), 3));
        assertThat(down.get(2).getPreviousPageUrl("conversations")).contains("Order=desc", "PageToken=PB");
    }

    @Test
    default void aMessagingServicesSenderPoolPagesBack() {
        TwilioRestClient client = parley().client();
        Service service = Service.creator("paging pool").create(client);
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            IncomingPhoneNumber n = Fixtures.number(client, null, null);
            added.add(PhoneNumber.creator(service.getSid(), n.getSid()).create(client).getSid());
        }
        List<Page<PhoneNumber>> pages = forwardBackForward(PhoneNumber.reader(service.getSid()).pageSize(2),
                PhoneNumber::getSid, chunks(added.reversed(), 2));
        assertThat(pages.getLast().getPreviousPageUrl("messaging"))
                .startsWith(parley().baseUrl() + "/messaging/v1/Services/" + service.getSid() + "/PhoneNumbers?");
    }

    @Test
    default void usageRecordsComputedInMemoryPageBack() {
        TwilioRestClient client = parley().client();
        List<String> all = new ArrayList<>();
        Record.reader().pageSize(1000).firstPage(client).getRecords().forEach(r -> all.add(usageKey(r)));
        assertThat(all).hasSizeGreaterThan(6);
        forwardBackForward(Record.reader().pageSize(3), PagingContract::usageKey, chunks(all, 3));
    }

    private static String usageKey(Record r) {
        return r.getCategory() + " " + r.getStartDate() + " " + r.getEndDate();
    }

    /**
     * Walks {@code reader} to its last page, back to its first with {@code previousPage}, and forward again; each
     * walk must see {@code expected}, page by page. Returns the pages of the first walk.
     */
    private <T extends Resource> List<Page<T>> forwardBackForward(Reader<T> reader, Function<T, String> id,
            List<List<String>> expected) {
        TwilioRestClient client = parley().client();
        List<Page<T>> pages = new ArrayList<>();
        Page<T> page = reader.firstPage(client);
        pages.add(page);
        while (page.hasNextPage()) {
            page = reader.nextPage(page, client);
            pages.add(page);
        }
        assertThat(pages).extracting(p -> sids(p, id)).as("forward").containsExactlyElementsOf(expected);

        List<List<String>> back = new ArrayList<>();
        back.add(sids(page, id));
        for (int i = 1; i < expected.size(); i++) {
            page = reader.previousPage(page, client);
            back.addFirst(sids(page, id));
        }
        assertThat(back).as("back").containsExactlyElementsOf(expected);

        List<List<String>> again = new ArrayList<>();
        again.add(sids(page, id));
        while (page.hasNextPage()) {
            page = reader.nextPage(page, client);
            again.add(sids(page, id));
        }
        assertThat(again).as("forward again").containsExactlyElementsOf(expected);
        return pages;
    }

    private static <T> List<String> sids(Page<T> page, Function<T, String> id) {
        return page.getRecords().stream().map(id).toList();
    }

    private static List<List<String>> chunks(List<String> all, int size) {
        return IntStream.range(0, (all.size() + size - 1) / size)
                .mapToObj(i -> all.subList(i * size, Math.min(all.size(), (i + 1) * size))).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
