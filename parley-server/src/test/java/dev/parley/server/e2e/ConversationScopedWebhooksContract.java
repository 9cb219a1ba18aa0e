package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.security.RequestValidator;
import dev.parley.testing.OpenApiSpec;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conversation-scoped webhooks ({@code WH}): their API through Twilio's SDK and the events they receive. */
interface ConversationScopedWebhooksContract {

    Parley parley();

    WebhookReceiver receiver();

    private static Map<String, Object> map(Object o) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        return m;
    }

    @Test
    default void scopedWebhooksAreCreatedFetchedListedUpdatedAndDeletedFiveAtMost() {
        Conversation c = Conversation.creator().setFriendlyName("scoped hooks").create(parley().client());
        Webhook created = Webhook.creator(c.getSid(), Webhook.Target.WEBHOOK).setConfigurationUrl("https://example.com/h")
                .setConfigurationMethod(Webhook.Method.GET).setConfigurationFilters(List.of("onMessageAdded"))
                .setConfigurationTriggers(List.of("help")).create(parley().client());
        assertThat(created.getSid()).matches("WH[0-9a-f]{32}");
        assertThat(created.getAccountSid()).isEqualTo(Parley.ACCOUNT_SID);
        assertThat(created.getConversationSid()).isEqualTo(c.getSid());
        assertThat(created.getTarget()).isEqualTo("webhook");
        assertThat(created.getUrl().toString()).isEqualTo(parley().baseUrl() + "/conversations/v1/Conversations/"
                + c.getSid() + "/Webhooks/" + created.getSid());
        assertThat(map(created.getConfiguration())).containsEntry("url", "https://example.com/h")
                .containsEntry("method", "GET").containsEntry("filters", List.of("onMessageAdded"))
                .containsEntry("triggers", List.of("help"));
        assertThat(Webhook.fetcher(c.getSid(), created.getSid()).fetch(parley().client()).getTarget())
                .isEqualTo("webhook");

        Webhook updated = Webhook.updater(c.getSid(), created.getSid()).setConfigurationUrl("https://example.com/g")
                .setConfigurationFilters(List.of("onMessageAdded", "onParticipantAdded")).update(parley().client());
        assertThat(map(updated.getConfiguration())).containsEntry("url", "https://example.com/g")
                .containsEntry("method", "GET").containsEntry("filters", List.of("onMessageAdded", "onParticipantAdded"));

        for (int i = 0; i < 4; i++) {
            Webhook.creator(c.getSid(), Webhook.Target.WEBHOOK).setConfigurationUrl("https://example.com/" + i)
                    .create(parley().client());
        }
        assertCode(() -> Webhook.creator(c.getSid(), Webhook.Target.WEBHOOK).setConfigurationUrl("https://example.com/6")
                .create(parley().client()), 50361, 400);
        List<Webhook> all = new ArrayList<>();
        Webhook.reader(c.getSid()).read(parley().client()).forEach(all::add);
        assertThat(all).hasSize(5);
        assertThat(all.getFirst().getSid()).isEqualTo(created.getSid());

        // Refusals change nothing.
        assertCode(() -> Webhook.updater(c.getSid(), created.getSid()).setConfigurationUrl("nowhere")
                .update(parley().client()), 20001, 400);
        assertCode(() -> Webhook.updater(c.getSid(), created.getSid())
                .setConfigurationTriggers(List.of("a", "b", "c", "d", "e", "f")).update(parley().client()), 50362, 400);
        assertThat(map(Webhook.fetcher(c.getSid(), created.getSid()).fetch(parley().client()).getConfiguration()))
                .containsEntry("url", "https://example.com/g").containsEntry("triggers", List.of("help"));

        Webhook.deleter(c.getSid(), created.getSid()).delete(parley().client());
        assertCode(() -> Webhook.fetcher(c.getSid(), created.getSid()).fetch(parley().client()), 20404, 404);
        Webhook.creator(c.getSid(), Webhook.Target.WEBHOOK).setConfigurationUrl("https://example.com/again")
                .create(parley().client());

        // Another account sees none of it.
        Account sub = Account.creator().setFriendlyName("scoped walls").create(parley().client());
        TwilioRestClient subClient = parley().client(sub.getSid(), sub.getAuthToken());
        assertCode(() -> Webhook.reader(c.getSid()).read(subClient).iterator().hasNext(), 20404, 404);
    }

    @Test
    default void aScopedWebhookAnswerCarriesEveryFieldOfTheSpec() {
        Conversation c = Conversation.creator().create(parley().client());
        Parley.Answer answer = parley().post("/conversations/v1/Conversations/" + c.getSid() + "/Webhooks",
                Map.of("Target", "webhook", "Configuration.Url", "https://example.com/spec"));
        assertThat(answer.status()).isEqualTo(201);
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.conversation.conversation_scoped_webhook",
                answer.json());
    }

    @Test
    default void aScopedWebhookReceivesItsConversationsFilteredEventsSigned() {
        String hook = "/conversation-scoped-events";
        Conversation c = Conversation.creator().create(parley().client());
        Conversation other = Conversation.creator().create(parley().client());
        Webhook wh = Webhook.creator(c.getSid(), Webhook.Target.WEBHOOK).setConfigurationUrl(receiver().url(hook))
                .setConfigurationFilters("onMessageAdded").create(parley().client());
        Message.creator(other.getSid()).setBody("elsewhere")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(parley().client());
        Message m = Message.creator(c.getSid()).setAuthor("bot").setBody("hello bot")
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(parley().client());
        var events = receiver().awaitRequests(hook, 1, Duration.ofSeconds(15));
        Map<String, String> params = events.getFirst().singleFormParams();
        assertThat(new RequestValidator(Parley.AUTH_TOKEN).validate(receiver().url(hook), params,
                events.getFirst().header("x-twilio-signature"))).isTrue();
        assertThat(params).containsEntry("EventType", "onMessageAdded").containsEntry("ConversationSid", c.getSid())
                .containsEntry("MessageSid", m.getSid()).containsEntry("Body", "hello bot")
                .containsEntry("WebhookSid", wh.getSid());
        assertThat(receiver().requests(hook)).allMatch(r -> c.getSid().equals(r.singleFormParams()
                .get("ConversationSid")));
    }
}
