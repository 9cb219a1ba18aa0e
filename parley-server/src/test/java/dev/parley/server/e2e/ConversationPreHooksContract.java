package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.User;
import com.twilio.rest.conversations.v1.configuration.Webhook;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.security.RequestValidator;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pre-event hooks ({@code PreWebhookUrl}): asked before an action, synchronously; a 2xx JSON answer changes the
 * action, any other answer (or none within 5 s) refuses it and nothing is written. Each test has a subaccount of its
 * own, so that no other contract's conversations reach its hook.
 */
interface ConversationPreHooksContract {

    Parley parley();

    WebhookReceiver receiver();

    private static Response json(String body) {
        return new Response(200, "application/json", body);
    }

    private static Response status(int status) {
        return new Response(status, "text/plain", "refused by the test's hook");
    }

    @Test
    default void messageAddIsChangedByTheHooksAnswerOrRefusedByItBeforeAnythingIsWritten() {
        String hook = "/pre-message-add";
        Account sub = Account.creator().setFriendlyName("pre-event message hook").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPreWebhookUrl(receiver().url(hook)).setPostWebhookUrl(receiver().url(hook + "/post"))
                .setFilters(List.of("onMessageAdd", "onMessageAdded")).update(client);
        receiver().respondWith(hook, r -> r.formParam("Body").contains("darn") ? status(403)
                : json("{\"body\":\"" + r.formParam("Body").toUpperCase() + "\",\"attributes\":{\"checked\":true}}"));
        Conversation conversation = Conversation.creator().create(client);

        // Without X-Twilio-Webhook-Enabled a REST action asks no hook.
        Message quiet = Message.creator(conversation.getSid()).setAuthor("agent").setBody("no hook asked")
                .create(client);
        assertThat(quiet.getBody()).isEqualTo("no hook asked");
        Message changed = Message.creator(conversation.getSid()).setAuthor("agent").setBody("hello there")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(client);
        assertThat(changed.getBody()).isEqualTo("HELLO THERE");
        assertThat(changed.getAttributes()).isEqualTo("{\"checked\":true}");
        assertThat(changed.getAuthor()).isEqualTo("agent");
        assertThat(changed.getIndex()).isEqualTo(1);

        var asked = receiver().requests(hook);
        assertThat(asked).hasSize(1);
        Map<String, String> params = asked.getFirst().singleFormParams();
        assertThat(new RequestValidator(sub.getAuthToken()).validate(receiver().url(hook), params,
                asked.getFirst().header("x-twilio-signature"))).isTrue();
        assertThat(params).containsEntry("EventType", "onMessageAdd").containsEntry("Source", "API")
                .containsEntry("AccountSid", sub.getSid()).containsEntry("ConversationSid", conversation.getSid())
                .containsEntry("ChatServiceSid", conversation.getChatServiceSid())
                .containsEntry("Author", "agent").containsEntry("Body", "hello there")
                .doesNotContainKeys("MessageSid", "Index");

        assertCode(() -> Message.creator(conversation.getSid()).setAuthor("agent").setBody("darn it")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(client), 20403, 403);
        List<String> bodies = new ArrayList<>();
        Message.reader(conversation.getSid()).read(client).forEach(m -> bodies.add(m.getIndex() + " " + m.getBody()));
        assertThat(bodies).containsExactly("0 no hook asked", "1 HELLO THERE");
        // The post-event hook heard of the message that was added, as changed, and of no other.
        var added = receiver().awaitRequests(hook + "/post", 1, Duration.ofSeconds(15));
        assertThat(added.getFirst().singleFormParams()).containsEntry("EventType", "onMessageAdded")
                .containsEntry("Body", "HELLO THERE").containsEntry("MessageSid", changed.getSid());
        // Both calls are in the webhook delivery log.
        List<String> log = new ArrayList<>();
        deliveries(sub).forEach(d -> {
            if (d.get("url").asText().equals(receiver().url(hook))) {
                log.add(d.get("purpose").asText() + " " + d.get("response_status").asInt() + " "
                        + d.get("outcome").asText());
            }
        });
        assertThat(log).containsExactly("conversations-onMessageAdd 403 failed",
                "conversations-onMessageAdd 200 delivered");
    }

    @Test
    default void conversationAndParticipantActionsAskTheirHooks() {
        String hook = "/pre-changes";
        Account sub = Account.creator().setFriendlyName("pre-event change hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPreWebhookUrl(receiver().url(hook)).setFilters(List.of("onConversationAdd",
                "onConversationUpdate", "onConversationRemove", "onParticipantAdd", "onParticipantUpdate",
                "onParticipantRemove", "onMessageUpdate", "onMessageRemove")).update(client);
        receiver().respondWith(hook, r -> switch (r.formParam("EventType")) {
            case "onConversationAdd" -> json("{\"friendly_name\":\"Named by the hook\","
                    + "\"attributes\":\"{\\\"vip\\\":true}\"}");
            case "onConversationUpdate" -> "forbidden".equals(r.formParam("FriendlyName")) ? status(400) : json("");
            case "onParticipantAdd" -> json("{\"attributes\":{\"tier\":\"gold\"}}");
            case "onParticipantUpdate" -> json("{\"attributes\":{\"tier\":\"silver\"}}");
            case "onMessageUpdate" -> json("{\"body\":\"edited by the hook\"}");
            case "onParticipantRemove", "onMessageRemove" -> status(403);
            default -> json("{}");
        });
        Conversation.WebhookEnabledType on = Conversation.WebhookEnabledType.TRUE;

        Conversation conversation = Conversation.creator().setFriendlyName("as asked").setXTwilioWebhookEnabled(on)
                .create(client);
        assertThat(conversation.getFriendlyName()).isEqualTo("Named by the hook");
        assertThat(conversation.getAttributes()).isEqualTo("{\"vip\":true}");
        Map<String, String> add = receiver().requests(hook).getFirst().singleFormParams();
        assertThat(add).containsEntry("EventType", "onConversationAdd").containsEntry("FriendlyName", "as asked")
                .containsEntry("ChatServiceSid", conversation.getChatServiceSid()).doesNotContainKey("ConversationSid");

        assertCode(() -> Conversation.updater(conversation.getSid()).setFriendlyName("forbidden")
                .setXTwilioWebhookEnabled(on).update(client), 20403, 403);
        assertThat(Conversation.fetcher(conversation.getSid()).fetch(client).getFriendlyName())
                .isEqualTo("Named by the hook");
        assertThat(Conversation.updater(conversation.getSid()).setFriendlyName("allowed").setXTwilioWebhookEnabled(on)
                .update(client).getFriendlyName()).isEqualTo("allowed");

        Participant agent = Participant.creator(conversation.getSid()).setIdentity("agent-9")
                .setXTwilioWebhookEnabled(Participant.WebhookEnabledType.TRUE).create(client);
        assertThat(agent.getAttributes()).isEqualTo("{\"tier\":\"gold\"}");
        Participant updated = Participant.updater(conversation.getSid(), agent.getSid()).setAttributes("{}")
                .setXTwilioWebhookEnabled(Participant.WebhookEnabledType.TRUE).update(client);
        assertThat(updated.getAttributes()).isEqualTo("{\"tier\":\"silver\"}");
        assertCode(() -> Participant.deleter(conversation.getSid(), agent.getSid())
                .setXTwilioWebhookEnabled(Participant.WebhookEnabledType.TRUE).delete(client), 20403, 403);
        assertThat(Participant.fetcher(conversation.getSid(), agent.getSid()).fetch(client).getIdentity())
                .isEqualTo("agent-9");

        Message message = Message.creator(conversation.getSid()).setAuthor("agent-9").setBody("first draft")
                .create(client);
        Message edited = Message.updater(conversation.getSid(), message.getSid()).setBody("second draft")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).update(client);
        assertThat(edited.getBody()).isEqualTo("edited by the hook");
        assertCode(() -> Message.deleter(conversation.getSid(), message.getSid())
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).delete(client), 20403, 403);
        assertThat(Message.fetcher(conversation.getSid(), message.getSid()).fetch(client).getBody())
                .isEqualTo("edited by the hook");

        assertThat(Conversation.deleter(conversation.getSid()).setXTwilioWebhookEnabled(on).delete(client)).isTrue();
        Map<String, Map<String, String>> byEvent = new HashMap<>();
        receiver().requests(hook).forEach(r -> byEvent.putIfAbsent(r.formParam("EventType"), r.singleFormParams()));
        assertThat(byEvent).containsOnlyKeys("onConversationAdd", "onConversationUpdate", "onParticipantAdd",
                "onParticipantUpdate", "onParticipantRemove", "onMessageUpdate", "onMessageRemove",
                "onConversationRemove");
        assertThat(byEvent.get("onParticipantAdd")).containsEntry("Identity", "agent-9")
                .containsEntry("ConversationSid", conversation.getSid()).doesNotContainKey("ParticipantSid");
        assertThat(byEvent.get("onMessageUpdate")).containsEntry("MessageSid", message.getSid())
                .containsEntry("Body", "second draft").containsEntry("Index", "0");
        assertThat(byEvent.get("onConversationRemove")).containsEntry("ConversationSid", conversation.getSid());
    }

    @Test
    default void aHandsetsMessageReachesTheConversationAsTheHookLetsItThrough() {
        String hook = "/pre-inbound";
        Account sub = Account.creator().setFriendlyName("pre-event inbound hook").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPreWebhookUrl(receiver().url(hook)).setFilters("onMessageAdd").update(client);
        receiver().respondWith(hook, r -> r.formParam("Body").contains("spam") ? status(403)
                : json("{\"body\":\"[checked] " + r.formParam("Body") + "\"}"));
        String proxy = Fixtures.number(client, null, null).getPhoneNumber().toString();
        String handset = Fixtures.handset();
        Conversation conversation = Conversation.creator().create(client);
        Participant.creator(conversation.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxy).create(client);
        Participant.creator(conversation.getSid()).setIdentity("agent").create(client);

        for (String body : List.of("buy spam now", "hello")) {
            Map<String, String> form = Map.of("From", handset, "To", proxy, "Body", body, "AccountSid", sub.getSid());
            assertThat(parley().post("/parley/v1/Simulator/Messages", form).status()).isEqualTo(201);
        }
        var asked = receiver().awaitRequests(hook, 2, Duration.ofSeconds(15));
        assertThat(asked).allSatisfy(r -> assertThat(r.singleFormParams()).containsEntry("EventType", "onMessageAdd")
                .containsEntry("Source", "SMS").containsEntry("Author", handset)
                .containsEntry("ConversationSid", conversation.getSid()));
        await().atMost(Duration.ofSeconds(15)).until(() -> bodies(client, conversation).contains("[checked] hello"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> bodies(client, conversation).equals(List.of("[checked] hello")));
        // The handset's message itself was received by the number all the same.
        List<String> received = new ArrayList<>();
        com.twilio.rest.api.v2010.account.Message.reader().setFrom(handset).read(client)
                .forEach(m -> received.add(m.getBody()));
        assertThat(received).containsExactlyInAnyOrder("buy spam now", "hello");
    }

    @Test
    default void aHookThatDoesNotAnswerWithinFiveSecondsFailsTheAction() {
        String hook = "/pre-slow";
        Account sub = Account.creator().setFriendlyName("pre-event slow hook").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPreWebhookUrl(receiver().url(hook)).setFilters("onMessageAdd").update(client);
        receiver().delay(hook, Duration.ofSeconds(7));
        Conversation conversation = Conversation.creator().create(client);
        long start = System.nanoTime();
        assertCode(() -> Message.creator(conversation.getSid()).setBody("too slow")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(client), 50076, 400);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(5),
                Duration.ofSeconds(7));
        assertThat(receiver().requests(hook)).hasSize(1);
        assertThat(bodies(client, conversation)).isEmpty();
    }

    @Test
    default void conversationWithParticipantsAsksTheConversationHookAndPostsEveryAddition() {
        String hook = "/with-participants";
        Account sub = Account.creator().setFriendlyName("with participants hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPreWebhookUrl(receiver().url(hook + "/pre"))
                .setPostWebhookUrl(receiver().url(hook + "/post"))
                .setFilters(List.of("onConversationAdd", "onConversationAdded", "onParticipantAdded")).update(client);
        receiver().respondWith(hook + "/pre", r -> "refuse me".equals(r.formParam("FriendlyName")) ? status(403)
                : json("{\"unique_name\":\"set-by-hook\"}"));
        var on = com.twilio.rest.conversations.v1.ConversationWithParticipants.WebhookEnabledType.TRUE;

        var created = com.twilio.rest.conversations.v1.ConversationWithParticipants.creator()
                .setFriendlyName("team").setParticipant(List.of("{\"identity\":\"ann\"}", "{\"identity\":\"bob\"}"))
                .setXTwilioWebhookEnabled(on).create(client);
        assertThat(created.getUniqueName()).isEqualTo("set-by-hook");
        var posted = receiver().awaitRequests(hook + "/post", 3, Duration.ofSeconds(15));
        List<String> events = new ArrayList<>();
        posted.forEach(r -> events.add(r.formParam("EventType") + " " + r.formParam("ConversationSid")
                + (r.formParam("Identity") == null ? "" : " " + r.formParam("Identity"))));
        assertThat(events).containsExactlyInAnyOrder("onConversationAdded " + created.getSid(),
                "onParticipantAdded " + created.getSid() + " ann", "onParticipantAdded " + created.getSid() + " bob");

        assertCode(() -> com.twilio.rest.conversations.v1.ConversationWithParticipants.creator()
                .setFriendlyName("refuse me").setParticipant("{\"identity\":\"cy\"}").setXTwilioWebhookEnabled(on)
                .create(client), 20403, 403);
        List<String> names = new ArrayList<>();
        Conversation.reader().read(client).forEach(c -> names.add(c.getFriendlyName()));
        assertThat(names).containsExactly("team");
    }

    @Test
    default void userActionsAskThePreEventHookAndFireThePostEventOnes() {
        String hook = "/user-events";
        Account sub = Account.creator().setFriendlyName("user hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPreWebhookUrl(receiver().url(hook + "/pre"))
                .setPostWebhookUrl(receiver().url(hook + "/post"))
                .setFilters(List.of("onUserUpdate", "onUserAdded", "onUserUpdated")).update(client);
        receiver().respondWith(hook + "/pre", r -> json("{\"friendly_name\":\"" + r.formParam("FriendlyName")
                + " (checked)\"}"));
        User.WebhookEnabledType on = User.WebhookEnabledType.TRUE;

        User.creator("quiet-user").create(client); // no X-Twilio-Webhook-Enabled: no event
        User user = User.creator("alice").setFriendlyName("Alice").setXTwilioWebhookEnabled(on).create(client);
        User updated = User.updater(user.getSid()).setFriendlyName("Alice B.").setXTwilioWebhookEnabled(on)
                .update(client);
        assertThat(updated.getFriendlyName()).isEqualTo("Alice B. (checked)");

        Map<String, String> asked = receiver().requests(hook + "/pre").getFirst().singleFormParams();
        assertThat(asked).containsEntry("EventType", "onUserUpdate").containsEntry("UserSid", user.getSid())
                .containsEntry("Identity", "alice").containsEntry("FriendlyName", "Alice B.");
        var posted = receiver().awaitRequests(hook + "/post", 2, Duration.ofSeconds(15));
        Map<String, Map<String, String>> byEvent = new HashMap<>();
        RequestValidator validator = new RequestValidator(sub.getAuthToken());
        for (var event : posted) {
            Map<String, String> params = event.singleFormParams();
            assertThat(validator.validate(receiver().url(hook + "/post"), params, event.header("x-twilio-signature")))
                    .isTrue();
            byEvent.put(params.get("EventType"), params);
        }
        assertThat(byEvent).containsOnlyKeys("onUserAdded", "onUserUpdated");
        assertThat(byEvent.get("onUserAdded")).containsEntry("UserSid", user.getSid())
                .containsEntry("Identity", "alice").containsEntry("FriendlyName", "Alice")
                .containsEntry("ChatServiceSid", user.getChatServiceSid()).containsEntry("AccountSid", sub.getSid())
                .doesNotContainKey("ConversationSid");
        assertThat(byEvent.get("onUserUpdated")).containsEntry("FriendlyName", "Alice B. (checked)");
    }

    private static List<String> bodies(TwilioRestClient client, Conversation conversation) {
        List<String> bodies = new ArrayList<>();
        Message.reader(conversation.getSid()).read(client).forEach(m -> bodies.add(m.getBody()));
        return bodies;
    }

    private JsonNode deliveries(Account sub) {
        return parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl()
                + "/parley/v1/WebhookDeliveries?PageSize=100")).GET(), sub.getSid(), sub.getAuthToken()).json()
                .get("webhook_deliveries");
    }
}
