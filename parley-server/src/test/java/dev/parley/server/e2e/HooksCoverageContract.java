package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.ConversationWithParticipants;
import com.twilio.rest.conversations.v1.configuration.Webhook;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversations hooks where Twilio has them (issue 11, item 9): {@code ConversationWithParticipants} asks
 * onParticipantAdd for each participant, and a conversation auto-created from an address configuration asks and posts
 * the conversation, participant and message hooks with {@code Source} SMS. Each test has a subaccount of its own, so
 * that no other contract's events reach its hooks.
 */
interface HooksCoverageContract {

    Parley parley();

    WebhookReceiver receiver();

    private static Response json(String body) {
        return new Response(200, "application/json", body);
    }

    private static Response refused() {
        return new Response(403, "text/plain", "refused by the test's hook");
    }

    private List<String> conversations(TwilioRestClient client) {
        List<String> sids = new ArrayList<>();
        Conversation.reader().read(client).forEach(c -> sids.add(c.getSid()));
        return sids;
    }

    @Test
    default void conversationWithParticipantsAsksOnParticipantAddForEachAndARefusalWritesNothing() {
        String hook = "/cwp-participant-hooks";
        Account sub = Account.creator().setFriendlyName("cwp participant hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPreWebhookUrl(receiver().url(hook + "/pre"))
                .setPostWebhookUrl(receiver().url(hook + "/post"))
                .setFilters(List.of("onConversationAdd", "onParticipantAdd", "onParticipantAdded")).update(client);
        receiver().respondWith(hook + "/pre", r -> "mallory".equals(r.formParam("Identity")) ? refused()
                : "onParticipantAdd".equals(r.formParam("EventType"))
                        ? json("{\"attributes\":{\"checked\":\"" + r.formParam("Identity") + "\"}}") : json("{}"));
        var on = ConversationWithParticipants.WebhookEnabledType.TRUE;

        ConversationWithParticipants created = ConversationWithParticipants.creator().setFriendlyName("pair")
                .setParticipant(List.of("{\"identity\":\"alice\"}", "{\"identity\":\"bob\"}"))
                .setXTwilioWebhookEnabled(on).create(client);
        List<Map<String, String>> asked = new ArrayList<>();
        receiver().requests(hook + "/pre").forEach(r -> asked.add(r.singleFormParams()));
        assertThat(asked).extracting(p -> p.get("EventType") + " " + p.getOrDefault("Identity", "-"))
                .containsExactly("onConversationAdd -", "onParticipantAdd alice", "onParticipantAdd bob");
        // Each participant's hook is told the conversation it is about to join.
        assertThat(asked.subList(1, 3)).allSatisfy(p -> assertThat(p).containsEntry("ConversationSid",
                created.getSid()).containsEntry("Source", "API").containsEntry("AccountSid", sub.getSid())
                .containsEntry("ChatServiceSid", created.getChatServiceSid()).doesNotContainKey("ParticipantSid"));
        List<Participant> participants = new ArrayList<>();
        Participant.reader(created.getSid()).read(client).forEach(participants::add);
        assertThat(participants).extracting(p -> p.getIdentity() + " " + p.getAttributes())
                .containsExactlyInAnyOrder("alice {\"checked\":\"alice\"}", "bob {\"checked\":\"bob\"}");
        var posted = receiver().awaitRequests(hook + "/post", 2, Duration.ofSeconds(15));
        assertThat(posted).extracting(r -> r.formParam("EventType") + " " + r.formParam("Identity"))
                .containsExactlyInAnyOrder("onParticipantAdded alice", "onParticipantAdded bob");

        // One participant refused: nothing is written, not the conversation, not the other participant.
        assertCode(() -> ConversationWithParticipants.creator().setFriendlyName("refused")
                .setParticipant(List.of("{\"identity\":\"carol\"}", "{\"identity\":\"mallory\"}"))
                .setXTwilioWebhookEnabled(on).create(client), 20403, 403);
        assertThat(conversations(client)).containsExactly(created.getSid());
        assertThat(receiver().requests(hook + "/pre")).extracting(r -> r.formParam("Identity")).endsWith("carol",
                "mallory");
        assertThat(receiver().requests(hook + "/post")).hasSize(2);
    }

    @Test
    default void anAutoCreatedConversationAsksAndPostsItsHooksInOrderWithSourceSms() {
        String hook = "/auto-created-hooks";
        Account sub = Account.creator().setFriendlyName("auto-created hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        String address = Fixtures.number(client, null, null).getPhoneNumber().toString();
        AddressConfiguration.creator(AddressConfiguration.Type.SMS, address).setAutoCreationEnabled(true)
                .create(client);
        Webhook.updater().setPreWebhookUrl(receiver().url(hook + "/pre"))
                .setPostWebhookUrl(receiver().url(hook + "/post"))
                .setFilters(List.of("onConversationAdd", "onParticipantAdd", "onMessageAdd", "onConversationAdded",
                        "onParticipantAdded", "onMessageAdded")).update(client);
        receiver().respondWith(hook + "/pre", r -> switch (r.formParam("EventType")) {
            case "onConversationAdd" -> "let me in".equals(r.formParam("MessageBody")) ? refused()
                    : json("{\"friendly_name\":\"Help for " + r.formParam("MessagingBinding.Address") + "\"}");
            case "onParticipantAdd" -> json("{\"attributes\":{\"vip\":true}}");
            case "onMessageAdd" -> json("{\"body\":\"" + r.formParam("Body").toUpperCase() + "\"}");
            default -> refused();
        });
        String handset = Fixtures.handset();

        Parley.Answer sent = parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset, "To", address,
                "Body", "where is my order", "AccountSid", sub.getSid()));
        assertThat(sent.status()).isEqualTo(201);
        var posted = receiver().awaitRequests(hook + "/post", 3, Duration.ofSeconds(15));

        List<Map<String, String>> asked = new ArrayList<>();
        receiver().requests(hook + "/pre").forEach(r -> asked.add(r.singleFormParams()));
        assertThat(asked).extracting(p -> p.get("EventType"))
                .containsExactly("onConversationAdd", "onParticipantAdd", "onMessageAdd");
        assertThat(asked).allSatisfy(p -> assertThat(p).containsEntry("Source", "SMS")
                .containsEntry("AccountSid", sub.getSid()));
        assertThat(asked.getFirst()).containsEntry("MessagingBinding.Address", handset)
                .containsEntry("MessagingBinding.ProxyAddress", address)
                .containsEntry("MessageBody", "where is my order");
        String conversationSid = asked.get(1).get("ConversationSid");
        assertThat(asked.get(1)).containsEntry("MessagingBinding.Address", handset);
        assertThat(asked.get(2)).containsEntry("ConversationSid", conversationSid)
                .containsEntry("Body", "where is my order").containsEntry("Author", handset);

        Map<String, Map<String, String>> byEvent = new java.util.HashMap<>();
        posted.forEach(r -> byEvent.put(r.formParam("EventType"), r.singleFormParams()));
        assertThat(byEvent).containsOnlyKeys("onConversationAdded", "onParticipantAdded", "onMessageAdded");
        assertThat(byEvent.values()).allSatisfy(p -> assertThat(p).containsEntry("Source", "SMS")
                .containsEntry("ConversationSid", conversationSid));
        assertThat(byEvent.get("onConversationAdded")).containsEntry("FriendlyName", "Help for " + handset);
        assertThat(byEvent.get("onParticipantAdded")).containsEntry("Attributes", "{\"vip\":true}");
        assertThat(byEvent.get("onMessageAdded")).containsEntry("Body", "WHERE IS MY ORDER");

        Conversation conversation = Conversation.fetcher(conversationSid).fetch(client);
        assertThat(conversation.getFriendlyName()).isEqualTo("Help for " + handset);
        List<Message> history = new ArrayList<>();
        Message.reader(conversationSid).read(client).forEach(history::add);
        assertThat(history).extracting(Message::getBody).containsExactly("WHERE IS MY ORDER");

        // A conversation the hook refuses is not created; the handset's Message itself is kept.
        String refusedSid = parley().post("/parley/v1/Simulator/Messages", Map.of("From", Fixtures.handset(), "To",
                address, "Body", "let me in", "AccountSid", sub.getSid())).json().get("sid").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver().requests(hook + "/pre").size() == 4);
        assertThat(receiver().requests(hook + "/pre").getLast().formParam("EventType")).isEqualTo("onConversationAdd");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> conversations(client).size() == 1);
        assertThat(com.twilio.rest.api.v2010.account.Message.fetcher(refusedSid).fetch(client).getBody())
                .isEqualTo("let me in");
    }

    @Test
    default void anAutoCreatedConversationWithoutPreHooksPostsItsEventsInTheInboundTransaction() {
        String hook = "/auto-created-post-only";
        Account sub = Account.creator().setFriendlyName("auto-created post hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        String address = Fixtures.number(client, null, null).getPhoneNumber().toString();
        AddressConfiguration.creator(AddressConfiguration.Type.SMS, address).setAutoCreationEnabled(true)
                .create(client);
        Webhook.updater().setPostWebhookUrl(receiver().url(hook))
                .setFilters(List.of("onConversationAdded", "onParticipantAdded", "onMessageAdded")).update(client);
        String handset = Fixtures.handset();
        parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset, "To", address, "Body", "hi",
                "AccountSid", sub.getSid()));
        // Committed with the received message: the conversation exists as soon as the simulator has answered.
        assertThat(conversations(client)).hasSize(1);
        var posted = receiver().awaitRequests(hook, 3, Duration.ofSeconds(15));
        assertThat(posted).extracting(r -> r.formParam("EventType") + " " + r.formParam("Source"))
                .containsExactlyInAnyOrder("onConversationAdded SMS", "onParticipantAdded SMS", "onMessageAdded SMS");
        assertThat(posted).extracting(r -> r.formParam("ConversationSid")).containsOnly(conversations(client)
                .getFirst());
    }
}
