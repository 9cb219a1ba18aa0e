package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.conversations.v1.Configuration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.service.configuration.Notification;
import com.twilio.rest.conversations.v1.service.configuration.Webhook;
import com.twilio.rest.conversations.v1.service.conversation.Message;
import com.twilio.security.RequestValidator;
import dev.parley.testing.OpenApiSpec;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Conversation Service's {@code Configuration/Notifications} (stored settings: Parley sends no push) and
 * {@code Configuration/Webhooks} (where that service's conversations' pre- and post-event hooks go; the account's
 * {@code /v1/Configuration/Webhooks} is its default service's), through Twilio's SDK. Each test works in a subaccount
 * of its own.
 */
interface ServiceConfigurationContract {
    ObjectMapper JSON = new ObjectMapper();

    Parley parley();

    WebhookReceiver receiver();

    private TwilioRestClient subaccount(String name) {
        Account sub = Account.creator().setFriendlyName(name).create(parley().client());
        return parley().client(sub.getSid(), sub.getAuthToken());
    }

    @Test
    default void notificationSettingsAreFetchedUpdatedAndKeptWhileRefusalsChangeNothing() {
        TwilioRestClient client = subaccount("service notifications");
        Service service = Service.creator("Notified").create(client);
        Notification none = Notification.fetcher(service.getSid()).fetch(client);
        assertThat(none.getChatServiceSid()).isEqualTo(service.getSid());
        assertThat(none.getLogEnabled()).isFalse();
        assertThat(json(none.getNewMessage()).get("enabled").asBoolean()).isFalse();
        assertThat(json(none.getAddedToConversation()).get("template").isNull()).isTrue();
        assertThat(none.getUrl().toString()).isEqualTo(parley().baseUrl() + "/conversations/v1/Services/"
                + service.getSid() + "/Configuration/Notifications");

        Notification updated = Notification.updater(service.getSid()).setLogEnabled(true)
                .setNewMessageEnabled(true).setNewMessageTemplate("New in ${CONVERSATION}: ${MESSAGE}")
                .setNewMessageSound("ring").setNewMessageBadgeCountEnabled(true).setNewMessageWithMediaEnabled(true)
                .setNewMessageWithMediaTemplate("${MEDIA_COUNT} files").setAddedToConversationEnabled(true)
                .setAddedToConversationTemplate("Added to ${CONVERSATION}").setRemovedFromConversationSound("chime")
                .update(client);
        assertThat(updated.getLogEnabled()).isTrue();
        JsonNode message = json(updated.getNewMessage());
        assertThat(message.get("enabled").asBoolean()).isTrue();
        assertThat(message.get("template").asText()).isEqualTo("New in ${CONVERSATION}: ${MESSAGE}");
        assertThat(message.get("sound").asText()).isEqualTo("ring");
        assertThat(message.get("badge_count_enabled").asBoolean()).isTrue();
        assertThat(message.get("with_media").get("enabled").asBoolean()).isTrue();
        assertThat(message.get("with_media").get("template").asText()).isEqualTo("${MEDIA_COUNT} files");
        assertThat(json(updated.getAddedToConversation()).get("template").asText())
                .isEqualTo("Added to ${CONVERSATION}");
        JsonNode removed = json(updated.getRemovedFromConversation());
        assertThat(removed.get("enabled").asBoolean()).isFalse();
        assertThat(removed.get("sound").asText()).isEqualTo("chime");

        // A partial update keeps the rest; "" clears a template.
        Notification partial = Notification.updater(service.getSid()).setNewMessageEnabled(false)
                .setAddedToConversationTemplate("").update(client);
        assertThat(json(partial.getNewMessage()).get("enabled").asBoolean()).isFalse();
        assertThat(json(partial.getNewMessage()).get("sound").asText()).isEqualTo("ring");
        assertThat(json(partial.getAddedToConversation()).get("template").isNull()).isTrue();
        assertThat(json(partial.getAddedToConversation()).get("enabled").asBoolean()).isTrue();

        String path = "/conversations/v1/Services/" + service.getSid() + "/Configuration/Notifications";
        Account owner = Account.fetcher(partial.getAccountSid()).fetch(parley().client());
        Parley.Answer refused = parley().post(path, Map.of("LogEnabled", "maybe", "NewMessage.Sound", "siren"),
                owner.getSid(), owner.getAuthToken());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asInt()).isEqualTo(20001);
        Notification after = Notification.fetcher(service.getSid()).fetch(client);
        assertThat(after.getLogEnabled()).isTrue();
        assertThat(json(after.getNewMessage()).get("sound").asText()).isEqualTo("ring");
        assertCode(() -> Notification.fetcher("IS" + "0".repeat(32)).fetch(client), 20404, 404);
        // Another account's service is not there for this one.
        assertCode(() -> Notification.fetcher(service.getSid()).fetch(parley().client()), 20404, 404);
    }

    @Test
    default void serviceConfigurationAnswersCarryEveryFieldOfTheSpec() {
        Service service = Service.creator("Spec").create(parley().client());
        String base = "/conversations/v1/Services/" + service.getSid() + "/Configuration";
        Parley.Answer notifications = parley().get(base + "/Notifications");
        assertThat(notifications.status()).isEqualTo(200);
        OpenApiSpec.conversationsV1().assertConforms(
                "conversations.v1.service.service_configuration.service_notification", notifications.json());
        Parley.Answer webhooks = parley().get(base + "/Webhooks");
        assertThat(webhooks.status()).isEqualTo(200);
        OpenApiSpec.conversationsV1().assertConforms(
                "conversations.v1.service.service_configuration.service_webhook_configuration", webhooks.json());
        Parley.Answer configuration = parley().get(base);
        assertThat(configuration.json().get("links").get("webhooks").asText())
                .isEqualTo(parley().baseUrl() + base + "/Webhooks");
        assertThat(configuration.json().get("links").get("notifications").asText())
                .isEqualTo(parley().baseUrl() + base + "/Notifications");
        assertThat(parley().get("/conversations/v1/Services/" + service.getSid()).json().get("links").has("bindings"))
                .as("push notification bindings are not offered").isFalse();
    }

    @Test
    default void aServicesWebhooksAreItsOwnWhileTheDefaultServicesAreTheAccounts() {
        TwilioRestClient client = subaccount("service webhooks");
        Service service = Service.creator("Support").create(client);
        Webhook none = Webhook.fetcher(service.getSid()).fetch(client);
        assertThat(none.getChatServiceSid()).isEqualTo(service.getSid());
        assertThat(none.getPostWebhookUrl()).isNull();
        assertThat(none.getPreWebhookUrl()).isNull();
        assertThat(none.getFilters()).isEmpty();
        assertThat(none.getMethod()).isEqualTo(Webhook.Method.POST);

        Webhook updated = Webhook.updater(service.getSid()).setPostWebhookUrl("https://example.com/support-post")
                .setPreWebhookUrl("https://example.com/support-pre").setMethod("GET")
                .setFilters(List.of("onMessageAdd", "onConversationAdded")).update(client);
        assertThat(updated.getPostWebhookUrl()).hasToString("https://example.com/support-post");
        assertThat(updated.getPreWebhookUrl()).hasToString("https://example.com/support-pre");
        assertThat(updated.getMethod()).isEqualTo(Webhook.Method.GET);
        assertThat(updated.getFilters()).containsExactly("onMessageAdd", "onConversationAdded");
        assertThat(updated.getUrl().toString()).isEqualTo(parley().baseUrl() + "/conversations/v1/Services/"
                + service.getSid() + "/Configuration/Webhooks");

        // Refusals change nothing: a user event (not a service filter on Twilio), a bad URL, a bad method.
        assertCode(() -> Webhook.updater(service.getSid()).setFilters("onUserAdded").update(client), 20001, 400);
        // (The SDK drops a URL it cannot parse, so this one goes raw.)
        Account owner = Account.fetcher(none.getAccountSid()).fetch(parley().client());
        Parley.Answer badUrl = parley().post("/conversations/v1/Services/" + service.getSid()
                + "/Configuration/Webhooks", Map.of("PostWebhookUrl", "ftp://example.com/x", "Method", "POST"),
                owner.getSid(), owner.getAuthToken());
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.json().get("code").asInt()).isEqualTo(20001);
        assertCode(() -> Webhook.updater(service.getSid()).setMethod("PUT").update(client), 20001, 400);
        Webhook after = Webhook.fetcher(service.getSid()).fetch(client);
        assertThat(after.getPostWebhookUrl()).hasToString("https://example.com/support-post");
        assertThat(after.getMethod()).isEqualTo(Webhook.Method.GET);
        assertThat(after.getFilters()).containsExactly("onMessageAdd", "onConversationAdded");

        // The account's configuration is untouched by another service's, and is the default service's.
        var account = com.twilio.rest.conversations.v1.configuration.Webhook.fetcher().fetch(client);
        assertThat(account.getPostWebhookUrl()).isNull();
        String defaultService = Configuration.fetcher().fetch(client).getDefaultChatServiceSid();
        Webhook.updater(defaultService).setPostWebhookUrl("https://example.com/default-post")
                .setFilters("onMessageAdded").update(client);
        account = com.twilio.rest.conversations.v1.configuration.Webhook.fetcher().fetch(client);
        assertThat(account.getPostWebhookUrl()).isEqualTo("https://example.com/default-post");
        assertThat(account.getFilters()).containsExactly("onMessageAdded");
        com.twilio.rest.conversations.v1.configuration.Webhook.updater().setMethod("GET").update(client);
        assertThat(Webhook.fetcher(defaultService).fetch(client).getMethod()).isEqualTo(Webhook.Method.GET);
        assertThat(Webhook.fetcher(service.getSid()).fetch(client).getPostWebhookUrl())
                .hasToString("https://example.com/support-post");
        assertCode(() -> Webhook.fetcher("IS" + "0".repeat(32)).fetch(client), 20404, 404);
    }

    @Test
    default void aServicesConversationsHooksGoToThatServicesConfiguration() {
        String hook = "/service-hooks";
        Account sub = Account.creator().setFriendlyName("per-service hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        com.twilio.rest.conversations.v1.configuration.Webhook.updater()
                .setPostWebhookUrl(receiver().url(hook + "/account"))
                .setFilters(List.of("onConversationAdded", "onMessageAdded")).update(client);
        Service service = Service.creator("Own hooks").create(client);
        Webhook.updater(service.getSid()).setPreWebhookUrl(receiver().url(hook + "/pre"))
                .setPostWebhookUrl(receiver().url(hook + "/post"))
                .setFilters(List.of("onMessageAdd", "onConversationAdded", "onMessageAdded")).update(client);
        receiver().respondWith(hook + "/pre", r -> new WebhookReceiver.Response(200, "application/json",
                "{\"body\":\"" + r.formParam("Body").toUpperCase() + "\"}"));

        var inService = com.twilio.rest.conversations.v1.service.Conversation.creator(service.getSid())
                .setFriendlyName("service conversation")
                .setXTwilioWebhookEnabled(com.twilio.rest.conversations.v1.service.Conversation.WebhookEnabledType.TRUE)
                .create(client);
        Message message = Message.creator(service.getSid(), inService.getSid()).setAuthor("agent")
                .setBody("hello").setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(client);
        assertThat(message.getBody()).as("changed by the service's pre-event hook").isEqualTo("HELLO");
        Conversation inDefault = Conversation.creator().setFriendlyName("default conversation")
                .setXTwilioWebhookEnabled(Conversation.WebhookEnabledType.TRUE).create(client);

        var asked = receiver().awaitRequests(hook + "/pre", 1, Duration.ofSeconds(15));
        assertThat(asked.getFirst().singleFormParams()).containsEntry("EventType", "onMessageAdd")
                .containsEntry("ChatServiceSid", service.getSid()).containsEntry("ConversationSid", inService.getSid());
        var posted = receiver().awaitRequests(hook + "/post", 2, Duration.ofSeconds(15));
        RequestValidator validator = new RequestValidator(sub.getAuthToken());
        for (var event : posted) {
            Map<String, String> params = event.singleFormParams();
            assertThat(validator.validate(receiver().url(hook + "/post"), params, event.header("x-twilio-signature")))
                    .isTrue();
            assertThat(params).containsEntry("ChatServiceSid", service.getSid())
                    .containsEntry("ConversationSid", inService.getSid());
        }
        assertThat(posted).extracting(r -> r.formParam("EventType"))
                .containsExactlyInAnyOrder("onConversationAdded", "onMessageAdded");
        assertThat(posted).filteredOn(r -> "onMessageAdded".equals(r.formParam("EventType")))
                .extracting(r -> r.formParam("Body")).containsExactly("HELLO");

        // The default service's conversation follows the account's configuration, and only it does.
        var accountEvents = receiver().awaitRequests(hook + "/account", 1, Duration.ofSeconds(15));
        assertThat(accountEvents).extracting(r -> r.formParam("ConversationSid")).containsOnly(inDefault.getSid());
        assertThat(accountEvents.getFirst().singleFormParams()).containsEntry("EventType", "onConversationAdded")
                .containsEntry("ChatServiceSid", inDefault.getChatServiceSid());
    }

    private static JsonNode json(Object nested) {
        return JSON.valueToTree(nested);
    }
}
