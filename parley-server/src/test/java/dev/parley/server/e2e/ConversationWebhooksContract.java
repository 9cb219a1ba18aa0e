package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.configuration.Webhook;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.security.RequestValidator;
import dev.parley.testing.OpenApiSpec;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account's service-wide Conversations webhooks ({@code /Configuration/Webhooks}) and the post-event hooks they
 * receive — through Twilio's SDK, the simulator and a webhook receiver. Each test configures a subaccount of its own,
 * so that the main account's conversations (other contracts) fire nothing.
 */
interface ConversationWebhooksContract {

    Parley parley();

    WebhookReceiver receiver();

    @Test
    default void webhookConfigurationIsFetchedAndUpdatedAndRefusalsChangeNothing() {
        Account sub = Account.creator().setFriendlyName("webhook configuration").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook none = Webhook.fetcher().fetch(client);
        assertThat(none.getAccountSid()).isEqualTo(sub.getSid());
        assertThat(none.getPostWebhookUrl()).isNull();
        assertThat(none.getPreWebhookUrl()).isNull();
        assertThat(none.getMethod()).isEqualTo(Webhook.Method.POST);
        assertThat(none.getTarget()).isEqualTo(Webhook.Target.WEBHOOK);
        assertThat(none.getFilters()).isEmpty();
        assertThat(none.getUrl().toString()).isEqualTo(parley().baseUrl() + "/conversations/v1/Configuration/Webhooks");

        Webhook updated = Webhook.updater().setPostWebhookUrl("https://example.com/post")
                .setPreWebhookUrl("https://example.com/pre").setMethod("GET")
                .setFilters(List.of("onMessageAdded", "onConversationAdd")).setTarget(Webhook.Target.WEBHOOK)
                .update(client);
        assertThat(updated.getPostWebhookUrl()).isEqualTo("https://example.com/post");
        assertThat(updated.getPreWebhookUrl()).isEqualTo("https://example.com/pre");
        assertThat(updated.getMethod()).isEqualTo(Webhook.Method.GET);
        assertThat(updated.getFilters()).containsExactly("onMessageAdded", "onConversationAdd");

        assertCode(() -> Webhook.updater().setPostWebhookUrl("not a url").update(client), 20001, 400);
        assertCode(() -> Webhook.updater().setMethod("PUT").update(client), 20001, 400);
        assertCode(() -> Webhook.updater().setFilters("onEverything").update(client), 20001, 400);
        Webhook after = Webhook.fetcher().fetch(client);
        assertThat(after.getPostWebhookUrl()).isEqualTo("https://example.com/post");
        assertThat(after.getMethod()).isEqualTo(Webhook.Method.GET);
        assertThat(after.getFilters()).containsExactly("onMessageAdded", "onConversationAdd");

        Webhook cleared = Webhook.updater().setPreWebhookUrl("").setMethod("POST").update(client);
        assertThat(cleared.getPreWebhookUrl()).isNull();
        assertThat(cleared.getPostWebhookUrl()).isEqualTo("https://example.com/post");
        // The main account's configuration is its own.
        assertThat(Webhook.fetcher().fetch(parley().client()).getPostWebhookUrl()).isNotEqualTo("https://example.com/post");
    }

    @Test
    default void webhookConfigurationCarriesEveryFieldOfTheSpec() {
        Parley.Answer answer = parley().get("/conversations/v1/Configuration/Webhooks");
        assertThat(answer.status()).isEqualTo(200);
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.configuration.configuration_webhook",
                answer.json());
    }

    @Test
    default void postEventHooksReachThePostWebhookUrlSignedForTheFilteredEvents() {
        String hook = "/conversation-post-events";
        Account sub = Account.creator().setFriendlyName("post-event hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPostWebhookUrl(receiver().url(hook))
                .setFilters(List.of("onConversationAdded", "onParticipantAdded", "onMessageAdded")).update(client);
        IncomingPhoneNumber number = Fixtures.number(client, null, null);
        String proxy = number.getPhoneNumber().toString();
        String handset = Fixtures.handset();

        // REST actions without X-Twilio-Webhook-Enabled fire nothing; with it, their hooks.
        Conversation quiet = Conversation.creator().setFriendlyName("quiet").create(client);
        Conversation conversation = Conversation.creator().setFriendlyName("hooked")
                .setXTwilioWebhookEnabled(Conversation.WebhookEnabledType.TRUE).create(client);
        Participant participant = Participant.creator(conversation.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxy)
                .setXTwilioWebhookEnabled(Participant.WebhookEnabledType.TRUE).create(client);
        Message fromApi = Message.creator(conversation.getSid()).setAuthor("agent").setBody("How can I help?")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(client);
        // A message from the participant's handset always fires.
        Map<String, String> form = new HashMap<>(Map.of("From", handset, "To", proxy, "Body", "My order is late",
                "AccountSid", sub.getSid()));
        assertThat(parley().post("/parley/v1/Simulator/Messages", form).status()).isEqualTo(201);

        var events = receiver().awaitRequests(hook, 4, Duration.ofSeconds(15));
        RequestValidator validator = new RequestValidator(sub.getAuthToken());
        Map<String, Map<String, String>> byKey = new HashMap<>();
        for (var event : events) {
            Map<String, String> params = event.singleFormParams();
            assertThat(validator.validate(receiver().url(hook), params, event.header("x-twilio-signature")))
                    .as("signature of %s", params).isTrue();
            assertThat(params).containsEntry("AccountSid", sub.getSid())
                    .containsEntry("ConversationSid", conversation.getSid())
                    .containsEntry("ChatServiceSid", conversation.getChatServiceSid());
            byKey.put(params.get("EventType") + "/" + params.get("Source"), params);
        }
        assertThat(byKey).containsOnlyKeys("onConversationAdded/API", "onParticipantAdded/API",
                "onMessageAdded/API", "onMessageAdded/SMS");
        assertThat(byKey.get("onConversationAdded/API")).containsEntry("FriendlyName", "hooked")
                .containsEntry("State", "active");
        assertThat(byKey.get("onParticipantAdded/API")).containsEntry("ParticipantSid", participant.getSid())
                .containsEntry("MessagingBinding.Address", handset)
                .containsEntry("MessagingBinding.ProxyAddress", proxy);
        assertThat(byKey.get("onMessageAdded/API")).containsEntry("MessageSid", fromApi.getSid())
                .containsEntry("Author", "agent").containsEntry("Body", "How can I help?").containsEntry("Index", "0");
        Map<String, String> inbound = byKey.get("onMessageAdded/SMS");
        assertThat(inbound).containsEntry("Author", handset).containsEntry("Body", "My order is late")
                .containsEntry("ParticipantSid", participant.getSid()).containsEntry("Index", "1");
        assertThat(inbound.get("MessageSid")).matches("IM[0-9a-f]{32}");
        assertThat(receiver().requests(hook)).noneMatch(r -> quiet.getSid().equals(
                r.singleFormParams().get("ConversationSid")));
    }

    @Test
    default void eventsTheFiltersLeaveOutAreNotSent() {
        String hook = "/conversation-post-events-filtered";
        Account sub = Account.creator().setFriendlyName("filtered hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPostWebhookUrl(receiver().url(hook)).setFilters("onMessageAdded").update(client);
        Conversation conversation = Conversation.creator()
                .setXTwilioWebhookEnabled(Conversation.WebhookEnabledType.TRUE).create(client);
        Message.creator(conversation.getSid()).setBody("only me")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(client);
        var events = receiver().awaitRequests(hook, 1, Duration.ofSeconds(15));
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().singleFormParams()).containsEntry("EventType", "onMessageAdded")
                .containsEntry("Body", "only me").containsEntry("Author", "system");
    }

    @Test
    default void updatesAndRemovalsThroughTheApiFireTheirHooksWhenAskedTo() {
        String hook = "/conversation-post-events-changes";
        Account sub = Account.creator().setFriendlyName("change hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPostWebhookUrl(receiver().url(hook)).setFilters(List.of("onConversationUpdated",
                "onConversationStateUpdated", "onConversationRemoved", "onMessageUpdated", "onMessageRemoved",
                "onParticipantUpdated", "onParticipantRemoved")).update(client);
        Conversation conversation = Conversation.creator().setFriendlyName("before").create(client);
        Participant agent = Participant.creator(conversation.getSid()).setIdentity("agent-7").create(client);
        Participant.updater(conversation.getSid(), agent.getSid()).setAttributes("{\"shift\":\"night\"}")
                .setXTwilioWebhookEnabled(Participant.WebhookEnabledType.TRUE).update(client);
        Participant.deleter(conversation.getSid(), agent.getSid())
                .setXTwilioWebhookEnabled(Participant.WebhookEnabledType.TRUE).delete(client);
        Message message = Message.creator(conversation.getSid()).setBody("first draft").create(client);
        Message.updater(conversation.getSid(), message.getSid()).setBody("second draft")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).update(client);
        Message.deleter(conversation.getSid(), message.getSid())
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).delete(client);
        Conversation.updater(conversation.getSid()).setFriendlyName("after").setState(Conversation.State.INACTIVE)
                .setXTwilioWebhookEnabled(Conversation.WebhookEnabledType.TRUE).update(client);
        Conversation.deleter(conversation.getSid()).setXTwilioWebhookEnabled(Conversation.WebhookEnabledType.TRUE)
                .delete(client);

        var events = receiver().awaitRequests(hook, 7, Duration.ofSeconds(15));
        RequestValidator validator = new RequestValidator(sub.getAuthToken());
        Map<String, Map<String, String>> byType = new HashMap<>();
        for (var event : events) {
            Map<String, String> params = event.singleFormParams();
            assertThat(validator.validate(receiver().url(hook), params, event.header("x-twilio-signature"))).isTrue();
            assertThat(params).containsEntry("ConversationSid", conversation.getSid()).containsEntry("Source", "API");
            byType.put(params.get("EventType"), params);
        }
        assertThat(byType).containsOnlyKeys("onMessageUpdated", "onMessageRemoved", "onConversationUpdated",
                "onConversationStateUpdated", "onConversationRemoved", "onParticipantUpdated", "onParticipantRemoved");
        assertThat(byType.get("onParticipantUpdated")).containsEntry("ParticipantSid", agent.getSid())
                .containsEntry("Identity", "agent-7").containsEntry("Attributes", "{\"shift\":\"night\"}");
        assertThat(byType.get("onParticipantRemoved")).containsEntry("ParticipantSid", agent.getSid());
        assertThat(byType.get("onMessageUpdated")).containsEntry("MessageSid", message.getSid())
                .containsEntry("Body", "second draft");
        assertThat(byType.get("onMessageRemoved")).containsEntry("MessageSid", message.getSid());
        assertThat(byType.get("onConversationUpdated")).containsEntry("FriendlyName", "after")
                .containsEntry("State", "inactive");
        assertThat(byType.get("onConversationRemoved")).containsEntry("FriendlyName", "after");
    }

    @Test
    default void aReceiptThatMovesFiresOnDeliveryUpdated() {
        String hook = "/conversation-delivery-events";
        Account sub = Account.creator().setFriendlyName("delivery hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPostWebhookUrl(receiver().url(hook)).setFilters("onDeliveryUpdated").update(client);
        String proxy = Fixtures.number(client, null, null).getPhoneNumber().toString();
        String handset = Fixtures.handset();
        Conversation conversation = Conversation.creator().create(client);
        Participant participant = Participant.creator(conversation.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxy).create(client);
        Message message = Message.creator(conversation.getSid()).setAuthor("agent").setBody("Your order shipped")
                .create(client);

        RequestValidator validator = new RequestValidator(sub.getAuthToken());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> receiver().requests(hook)
                .stream().anyMatch(r -> "delivered".equals(r.singleFormParams().get("Status"))));
        for (var event : receiver().requests(hook)) {
            Map<String, String> params = event.singleFormParams();
            assertThat(validator.validate(receiver().url(hook), params, event.header("x-twilio-signature"))).isTrue();
            assertThat(params).containsEntry("EventType", "onDeliveryUpdated")
                    .containsEntry("ConversationSid", conversation.getSid())
                    .containsEntry("MessageSid", message.getSid())
                    .containsEntry("ParticipantSid", participant.getSid()).containsEntry("ErrorCode", "0");
            assertThat(params.get("DeliveryReceiptSid")).matches("DY[0-9a-f]{32}");
            assertThat(params.get("ChannelMessageSid")).matches("SM[0-9a-f]{32}");
        }
    }
}
