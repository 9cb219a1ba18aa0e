package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.User;
import com.twilio.rest.conversations.v1.conversation.Participant;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every list links the page before it on the wire: {@code previous_page_uri} (relative) on 2010 lists and
 * {@code meta.previous_page_url} (absolute) on v1 and {@code /parley/v1} lists, null on the first page, with a
 * {@code PB} token and the list's filters; following it gives the page the list showed before, and so does a page
 * reached by offset ({@code Page=1} without a token).
 */
interface PagingLinksContract {

    Parley parley();

    @Test
    default void every2010ListLinksThePageBeforeIt() {
        TwilioRestClient client = parley().client();
        String tag = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        IncomingPhoneNumber number = null;
        for (int i = 0; i < 2; i++) {
            number = IncomingPhoneNumber.creator("415").setFriendlyName(tag).create(client);
            assertThat(parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Keys.json",
                    Map.of("FriendlyName", tag)).status()).isEqualTo(201);
            Account.creator().setFriendlyName(tag).create(client);
        }
        String to = Fixtures.handset();
        for (int i = 0; i < 3; i++) {
            Message.creator(Fixtures.phone(to), number.getPhoneNumber(), "m" + i).create(client);
        }
        String account = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID;
        linksBothWays(account + "/IncomingPhoneNumbers.json?FriendlyName=" + tag, "incoming_phone_numbers", false,
                "FriendlyName=" + tag);
        linksBothWays(account + "/Keys.json", "keys", false);
        linksBothWays("/2010-04-01/Accounts.json?FriendlyName=" + tag, "accounts", false, "FriendlyName=" + tag);
        linksBothWays(account + "/Messages.json?To=" + enc(to), "messages", false, "To=" + enc(to));
        linksBothWays(account + "/Usage/Records.json", "usage_records", false);
        linksBothWays(account + "/Usage/Records/ThisMonth.json", "usage_records", false);
    }

    @Test
    default void everyV1ListLinksThePageBeforeIt() {
        TwilioRestClient client = parley().client();
        String tag = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        Conversation c = Conversation.creator().setFriendlyName(tag).create(client);
        Conversation other = Conversation.creator().setFriendlyName(tag).create(client);
        User user = User.creator(tag).create(client);
        for (Conversation conv : List.of(c, other)) {
            Participant.creator(conv.getSid()).setIdentity(tag).create(client);
        }
        Participant.creator(c.getSid()).setIdentity(tag + "-2").create(client);
        String handset = Fixtures.handset();
        for (int i = 0; i < 2; i++) {
            assertThat(parley().post("/conversations/v1/Conversations/" + c.getSid() + "/Webhooks",
                    Map.of("Target", "webhook", "Configuration.Url", "https://example.com/" + i)).status())
                    .isEqualTo(201);
            assertThat(parley().post("/conversations/v1/Services", Map.of("FriendlyName", tag)).status())
                    .isEqualTo(201);
            assertThat(parley().post("/conversations/v1/Roles", Map.of("FriendlyName", tag + i, "Type",
                    "conversation", "Permission", "sendMessage")).status()).isEqualTo(201);
            User.creator(tag + "-user-" + i).create(client);
            com.twilio.rest.messaging.v1.Service.creator(tag).create(client);
            IncomingPhoneNumber n = Fixtures.number(client, null, null);
            AddressConfiguration.creator(AddressConfiguration.Type.SMS, n.getPhoneNumber().toString()).create(client);
            Message.creator(Fixtures.phone(handset), n.getPhoneNumber(), "to the handset " + i).create(client);
            com.twilio.rest.conversations.v1.conversation.Message.creator(c.getSid()).setBody("m" + i).create(client);
        }

        String conversation = "/conversations/v1/Conversations/" + c.getSid();
        linksBothWays("/conversations/v1/Conversations", "conversations", true);
        linksBothWays("/conversations/v1/Services", "services", true);
        linksBothWays(conversation + "/Participants", "participants", true);
        linksBothWays(conversation + "/Webhooks", "webhooks", true);
        linksBothWays(conversation + "/Messages?Order=desc", "messages", true, "Order=desc");
        linksBothWays("/conversations/v1/Roles", "roles", true);
        linksBothWays("/conversations/v1/Users", "users", true);
        linksBothWays("/conversations/v1/Users/" + user.getSid() + "/Conversations", "conversations", true);
        linksBothWays("/conversations/v1/ParticipantConversations?Identity=" + tag, "conversations", true,
                "Identity=" + tag);
        linksBothWays("/conversations/v1/Configuration/Addresses", "address_configurations", true);
        linksBothWays("/messaging/v1/Services", "services", true);
        linksBothWays("/parley/v1/Simulator/Handsets/" + enc(handset) + "/Messages", "messages", true);
    }

    @Test
    default void aHandsetInboxMergedFromTwoListsPagesBothWays() {
        TwilioRestClient client = parley().client();
        String number = Fixtures.number(client, null, null).getPhoneNumber().toString();
        String handset = Fixtures.handset();
        List<String> fromAccount = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // One from the account (the messages list), one group MMS from a peer (the handset inbox list).
            fromAccount.add(Message.creator(Fixtures.phone(handset), new com.twilio.type.PhoneNumber(number), "a" + i)
                    .create(client).getSid());
            Parley.Answer group = parley().post("/parley/v1/Simulator/Messages", List.of(Map.entry("From",
                    Fixtures.handset()), Map.entry("To", number), Map.entry("To", handset), Map.entry("Body", "g" + i)));
            assertThat(group.status()).isEqualTo(201);
        }
        List<JsonNode> forward = new ArrayList<>();
        JsonNode page = follow("/parley/v1/Simulator/Handsets/" + enc(handset) + "/Messages?PageSize=2");
        forward.add(page);
        while (link(page, "next", true) != null) {
            page = follow(link(page, "next", true));
            forward.add(page);
        }
        List<String> listed = forward.stream().flatMap(p -> ids(p, "messages").stream()).toList();
        assertThat(listed).hasSize(6).doesNotHaveDuplicates();
        for (int i = 0; i < 3; i++) {
            // Newest first: each message from the account sits right below the group MMS that followed it.
            assertThat(listed.get(5 - 2 * i)).isEqualTo(fromAccount.get(i));
        }
        assertThat(forward).hasSize(3);
        List<List<String>> back = new ArrayList<>();
        back.add(ids(page, "messages"));
        while (link(page, "previous", true) != null) {
            page = follow(link(page, "previous", true));
            back.addFirst(ids(page, "messages"));
        }
        assertThat(back).containsExactlyElementsOf(forward.stream().map(p -> ids(p, "messages")).toList());
    }

    /**
     * Pages of one row: the first has no previous link; the second's previous link (a PB token, the filters kept)
     * gives the first again, whose next link gives the second again; the second reached by offset links the same.
     */
    private void linksBothWays(String path, String key, boolean v1, String... filters) {
        String list = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String sep = path.contains("?") ? "&" : "?";
        JsonNode first = follow(path + sep + "PageSize=1");
        assertThat(link(first, "previous", v1)).as(path + " first page").isNull();
        JsonNode second = follow(link(first, "next", v1));
        String previous = link(second, "previous", v1);
        assertThat(previous).as(path).startsWith(v1 ? parley().baseUrl() + "/" : "/").contains("PageToken=PB");
        // Compared decoded: a path segment may carry its '+' raw or as %2B.
        assertThat(URI.create(previous).getPath()).as(path).isEqualTo(URI.create(list).getPath());
        for (String filter : filters) {
            assertThat(previous).as(path).contains(filter);
        }

        JsonNode back = follow(previous);
        assertThat(ids(back, key)).as(path + " back").hasSize(1).isEqualTo(ids(first, key));
        assertThat(link(back, "previous", v1)).as(path + " first page, reached back").isNull();
        assertThat(ids(follow(link(back, "next", v1)), key)).as(path + " forward again").isEqualTo(ids(second, key));

        JsonNode byOffset = follow(path + sep + "PageSize=1&Page=1");
        assertThat(ids(byOffset, key)).as(path + " by offset").isEqualTo(ids(second, key));
        assertThat(ids(follow(link(byOffset, "previous", v1)), key)).as(path + " back from offset")
                .isEqualTo(ids(first, key));
    }

    private static String link(JsonNode page, String which, boolean v1) {
        JsonNode link = v1 ? page.get("meta").get(which + "_page_url") : page.get(which + "_page_uri");
        return link == null || link.isNull() ? null : link.asText();
    }

    private static List<String> ids(JsonNode page, String key) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.get(key)) {
            // User and participant conversations have no SID of their own; usage records are one per category.
            JsonNode id = item.has("sid") ? item.get("sid")
                    : item.has("conversation_sid") ? item.get("conversation_sid") : item.get("category");
            ids.add(id.asText());
        }
        return ids;
    }

    private JsonNode follow(String link) {
        assertThat(link).isNotNull();
        String path = link.startsWith(parley().baseUrl()) ? link.substring(parley().baseUrl().length()) : link;
        Parley.Answer answer = parley().get(path);
        assertThat(answer.status()).as(link).isEqualTo(200);
        return answer.json();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
