package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Configuration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.security.RequestValidator;
import dev.parley.testing.OpenApiSpec;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Conversations Configuration (account defaults) and address configurations with auto-creation: a handset that
 * texts a configured address starts a conversation — through Twilio's SDK, the simulator and a webhook receiver.
 */
interface ConversationAutoCreationContract {

    Parley parley();

    WebhookReceiver receiver();

    private static Map<String, Object> map(Object o) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        return m;
    }

    private Parley.Answer text(String from, String to) {
        return text(from, to, "hello", null);
    }

    private Parley.Answer text(String from, String to, String body, String accountSid) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("From", from, "To", to, "Body", body));
        if (accountSid != null) {
            form.put("AccountSid", accountSid);
        }
        Parley.Answer answer = parley().post("/parley/v1/Simulator/Messages", form);
        assertThat(answer.status()).as("simulator answer %s", answer.json()).isEqualTo(201);
        return answer;
    }

    private List<Message> history(String conversationSid) {
        List<Message> all = new ArrayList<>();
        Message.reader(conversationSid).read(parley().client()).forEach(all::add);
        return all;
    }

    @Test
    default void addressConfigurationsAreCreatedFetchedListedUpdatedAndDeleted() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String address = number.getPhoneNumber().toString();
        Service service = Service.creator("auto-created here").create(parley().client());
        AddressConfiguration created = AddressConfiguration.creator(AddressConfiguration.Type.SMS, address)
                .setFriendlyName("Support line").setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                .setAutoCreationConversationServiceSid(service.getSid())
                .setAutoCreationWebhookUrl("https://example.com/hook")
                .setAutoCreationWebhookMethod(AddressConfiguration.Method.POST)
                .setAutoCreationWebhookFilters(List.of("onParticipantAdded", "onMessageAdded"))
                .create(parley().client());
        assertThat(created.getSid()).matches("IG[0-9a-f]{32}");
        assertThat(created.getAccountSid()).isEqualTo(Parley.ACCOUNT_SID);
        assertThat(created.getType()).isEqualTo("sms");
        assertThat(created.getAddress()).isEqualTo(address);
        assertThat(created.getFriendlyName()).isEqualTo("Support line");
        assertThat(created.getUrl().toString())
                .isEqualTo(parley().baseUrl() + "/conversations/v1/Configuration/Addresses/" + created.getSid());
        assertThat(map(created.getAutoCreation())).containsEntry("enabled", true).containsEntry("type", "webhook")
                .containsEntry("conversation_service_sid", service.getSid())
                .containsEntry("webhook_url", "https://example.com/hook").containsEntry("webhook_method", "POST")
                .containsEntry("webhook_filters", List.of("onParticipantAdded", "onMessageAdded"));

        assertThat(AddressConfiguration.fetcher(created.getSid()).fetch(parley().client()).getAddress())
                .isEqualTo(address);
        List<String> sms = new ArrayList<>();
        AddressConfiguration.reader().setType("sms").read(parley().client()).forEach(a -> sms.add(a.getSid()));
        assertThat(sms).contains(created.getSid());
        List<String> whatsApp = new ArrayList<>();
        AddressConfiguration.reader().setType("whatsapp").read(parley().client()).forEach(a -> whatsApp.add(a.getSid()));
        assertThat(whatsApp).doesNotContain(created.getSid());

        AddressConfiguration updated = AddressConfiguration.updater(created.getSid()).setFriendlyName("Sales line")
                .setAutoCreationEnabled(false).setAutoCreationType(AddressConfiguration.AutoCreationType.DEFAULT)
                .update(parley().client());
        assertThat(updated.getFriendlyName()).isEqualTo("Sales line");
        assertThat(map(updated.getAutoCreation())).containsEntry("enabled", false).containsEntry("type", "default")
                .containsEntry("conversation_service_sid", service.getSid());

        AddressConfiguration.deleter(created.getSid()).delete(parley().client());
        assertCode(() -> AddressConfiguration.fetcher(created.getSid()).fetch(parley().client()), 20404, 404);
        assertCode(() -> AddressConfiguration.deleter(created.getSid()).delete(parley().client()), 20404, 404);
    }

    @Test
    default void addressConfigurationRefusalsChangeNothing() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String address = number.getPhoneNumber().toString();
        // Not a number of this account; not a number at all; a WhatsApp sender the number is not.
        assertCode(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, "+15005550006")
                .create(parley().client()), 20001, 400);
        assertCode(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, "support")
                .create(parley().client()), 20001, 400);
        assertCode(() -> AddressConfiguration.creator(AddressConfiguration.Type.WHATSAPP, "whatsapp:" + address)
                .create(parley().client()), 20001, 400);
        assertCode(() -> AddressConfiguration.creator(AddressConfiguration.Type.MESSENGER, address)
                .create(parley().client()), 20001, 400);
        // Webhook auto-creation without its URL; a filter that is no event; a service of no one.
        assertCode(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, address)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK).create(parley().client()),
                20001, 400);
        assertCode(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, address)
                .setAutoCreationWebhookFilters("onEverything").create(parley().client()), 20001, 400);
        assertCode(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, address)
                .setAutoCreationConversationServiceSid("IS" + "0".repeat(32)).create(parley().client()), 20001, 400);
        assertThat(parley().post("/conversations/v1/Configuration/Addresses", Map.of("Address", address)).json()
                .get("code").asInt()).isEqualTo(20001);

        AddressConfiguration first = AddressConfiguration.creator(AddressConfiguration.Type.SMS, address)
                .create(parley().client());
        assertThat(map(first.getAutoCreation())).containsEntry("enabled", false).containsEntry("type", "default");
        assertCode(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, address)
                .create(parley().client()), 20001, 400);
        assertCode(() -> AddressConfiguration.updater(first.getSid())
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK).update(parley().client()),
                20001, 400);
        List<AddressConfiguration> mine = new ArrayList<>();
        AddressConfiguration.reader().read(parley().client()).forEach(a -> {
            if (a.getAddress().equals(address)) {
                mine.add(a);
            }
        });
        assertThat(mine).extracting(AddressConfiguration::getSid).containsExactly(first.getSid());
        assertThat(map(mine.getFirst().getAutoCreation())).containsEntry("type", "default");

        // Another account sees none of it.
        Account sub = Account.creator().setFriendlyName("address walls").create(parley().client());
        var subClient = parley().client(sub.getSid(), sub.getAuthToken());
        assertCode(() -> AddressConfiguration.fetcher(first.getSid()).fetch(subClient), 20404, 404);
        assertCode(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, address).create(subClient),
                20001, 400);
    }

    @Test
    default void aHandsetTextingAConfiguredAddressStartsAConversationAndTheWebhookReceivesSignedEvents() {
        String numberHook = "/auto-creation-number-webhook";
        String eventsHook = "/auto-creation-events";
        IncomingPhoneNumber number = Fixtures.number(parley().client(), receiver().url(numberHook), null);
        String address = number.getPhoneNumber().toString();
        AddressConfiguration.creator(AddressConfiguration.Type.SMS, address).setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                .setAutoCreationWebhookUrl(receiver().url(eventsHook))
                .setAutoCreationWebhookFilters(List.of("onParticipantAdded", "onMessageAdded"))
                .create(parley().client());
        String handset = Fixtures.handset();

        String received = text(handset, address, "I need help", null).json().get("sid").asText();
        var events = receiver().awaitRequests(eventsHook, 2, Duration.ofSeconds(15));
        RequestValidator validator = new RequestValidator(Parley.AUTH_TOKEN);
        Map<String, Map<String, String>> byType = new java.util.HashMap<>();
        for (var event : events) {
            Map<String, String> params = event.singleFormParams();
            assertThat(validator.validate(receiver().url(eventsHook), params, event.header("x-twilio-signature")))
                    .as("signature of %s", params).isTrue();
            byType.put(params.get("EventType"), params);
        }
        Map<String, String> added = byType.get("onMessageAdded");
        String conversationSid = added.get("ConversationSid");
        assertThat(conversationSid).matches("CH[0-9a-f]{32}");
        assertThat(added).containsEntry("AccountSid", Parley.ACCOUNT_SID).containsEntry("Body", "I need help")
                .containsEntry("Author", handset).containsEntry("Index", "0").containsEntry("Source", "SMS")
                .containsEntry("WebhookType", "webhook");
        assertThat(added.get("MessageSid")).matches("IM[0-9a-f]{32}");
        assertThat(byType.get("onParticipantAdded")).containsEntry("ConversationSid", conversationSid)
                .containsEntry("MessagingBinding.Address", handset)
                .containsEntry("MessagingBinding.ProxyAddress", address)
                .containsEntry("ParticipantSid", added.get("ParticipantSid"));

        Conversation conversation = Conversation.fetcher(conversationSid).fetch(parley().client());
        assertThat(conversation.getState()).isEqualTo(Conversation.State.ACTIVE);
        List<Participant> participants = new ArrayList<>();
        Participant.reader(conversationSid).read(parley().client()).forEach(participants::add);
        assertThat(participants).hasSize(1);
        assertThat(map(participants.getFirst().getMessagingBinding())).containsEntry("address", handset)
                .containsEntry("proxy_address", address);
        assertThat(participants.getFirst().getSid()).isEqualTo(added.get("ParticipantSid"));

        // The next message from the handset lands in the same conversation.
        text(handset, address, "Order 42", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> history(conversationSid).size() == 2);
        List<Message> history = history(conversationSid);
        assertThat(history).extracting(Message::getBody).containsExactly("I need help", "Order 42");
        assertThat(history).extracting(Message::getAuthor).containsExactly(handset, handset);
        assertThat(history).extracting(Message::getIndex).containsExactly(0, 1);
        assertThat(received).matches("SM[0-9a-f]{32}");
        // Neither message reached the number's own webhook.
        assertThat(receiver().requests(numberHook)).isEmpty();
    }

    @Test
    default void aDisabledAddressConfigurationLeavesInboundToTheNumbersWebhook() {
        String numberHook = "/auto-creation-disabled-webhook";
        IncomingPhoneNumber number = Fixtures.number(parley().client(), receiver().url(numberHook), null);
        String address = number.getPhoneNumber().toString();
        AddressConfiguration.creator(AddressConfiguration.Type.SMS, address).setAutoCreationEnabled(false)
                .create(parley().client());
        String handset = Fixtures.handset();
        text(handset, address);
        var hooks = receiver().awaitRequests(numberHook, 1, Duration.ofSeconds(15));
        assertThat(hooks.getFirst().formParam("From")).isEqualTo(handset);
    }

    @Test
    default void configurationDefaultsApplyToNewConversationsOfTheAccount() {
        // A subaccount of its own: the defaults apply to every conversation of the account.
        Account sub = Account.creator().setFriendlyName("configured tenant").create(parley().client());
        var client = parley().client(sub.getSid(), sub.getAuthToken());
        Configuration initial = Configuration.fetcher().fetch(client);
        assertThat(initial.getAccountSid()).isEqualTo(sub.getSid());
        assertThat(initial.getDefaultChatServiceSid()).matches("IS[0-9a-f]{32}");
        assertThat(initial.getDefaultMessagingServiceSid()).isNull();
        assertThat(initial.getDefaultInactiveTimer()).isNull();
        assertThat(initial.getUrl().toString()).isEqualTo(parley().baseUrl() + "/conversations/v1/Configuration");
        assertThat(initial.getLinks()).containsEntry("webhooks",
                parley().baseUrl() + "/conversations/v1/Configuration/Webhooks");

        var messaging = com.twilio.rest.messaging.v1.Service.creator("conversation sender").create(client);
        Service support = Service.creator("support").create(client);
        assertCode(() -> Configuration.updater().setDefaultInactiveTimer("PT10S").update(client), 50375, 400);
        assertCode(() -> Configuration.updater().setDefaultClosedTimer("PT1M").update(client), 50376, 400);
        assertCode(() -> Configuration.updater().setDefaultMessagingServiceSid("MG" + "0".repeat(32)).update(client),
                21701, 400);
        assertCode(() -> Configuration.updater().setDefaultChatServiceSid("IS" + "0".repeat(32)).update(client),
                20001, 400);
        assertThat(Configuration.fetcher().fetch(client).getDefaultInactiveTimer()).isNull();

        Configuration updated = Configuration.updater().setDefaultMessagingServiceSid(messaging.getSid())
                .setDefaultInactiveTimer("PT5M").setDefaultClosedTimer("PT30M")
                .setDefaultChatServiceSid(support.getSid()).update(client);
        assertThat(updated.getDefaultMessagingServiceSid()).isEqualTo(messaging.getSid());
        assertThat(updated.getDefaultInactiveTimer()).isEqualTo("PT5M");
        assertThat(updated.getDefaultClosedTimer()).isEqualTo("PT30M");
        assertThat(updated.getDefaultChatServiceSid()).isEqualTo(support.getSid());

        Conversation plain = Conversation.creator().create(client);
        assertThat(plain.getChatServiceSid()).isEqualTo(support.getSid());
        assertThat(plain.getMessagingServiceSid()).isEqualTo(messaging.getSid());
        assertThat(map(plain.getTimers())).containsKeys("date_inactive", "date_closed");
        // Its own values win over the defaults.
        Conversation own = Conversation.creator().setState(Conversation.State.ACTIVE).setTimersInactive("PT2H")
                .create(client);
        assertThat(map(own.getTimers()).get("date_inactive")).isNotEqualTo(map(plain.getTimers()).get("date_inactive"));

        // An auto-created conversation gets them too.
        IncomingPhoneNumber number = Fixtures.number(client, null, null);
        String address = number.getPhoneNumber().toString();
        AddressConfiguration.creator(AddressConfiguration.Type.SMS, address).setAutoCreationEnabled(true)
                .create(client);
        text(Fixtures.handset(), address, "hi there", sub.getSid());
        List<Conversation> all = new ArrayList<>();
        Conversation.reader().read(client).forEach(all::add);
        Conversation auto = all.stream().filter(c -> !c.getSid().equals(plain.getSid())
                && !c.getSid().equals(own.getSid())).findFirst().orElseThrow();
        assertThat(auto.getChatServiceSid()).isEqualTo(support.getSid());
        assertThat(auto.getMessagingServiceSid()).isEqualTo(messaging.getSid());

        // The default inactive timer runs on the clock.
        parley().advance(Duration.ofMinutes(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> Conversation.fetcher(plain.getSid()).fetch(client)
                .getState() == Conversation.State.INACTIVE);
        // Cleared defaults no longer apply.
        Configuration.updater().setDefaultInactiveTimer("").setDefaultClosedTimer("").update(client);
        assertThat(map(Conversation.creator().create(client).getTimers())).isEmpty();
    }

    @Test
    default void configurationAndAddressAnswersCarryEveryFieldOfTheSpec() {
        Parley.Answer configuration = parley().get("/conversations/v1/Configuration");
        assertThat(configuration.status()).isEqualTo(200);
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.configuration", configuration.json());
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Parley.Answer created = parley().post("/conversations/v1/Configuration/Addresses", Map.of("Type", "sms",
                "Address", number.getPhoneNumber().toString(), "AutoCreation.Enabled", "true"));
        assertThat(created.status()).isEqualTo(201);
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.configuration_address", created.json());
        Parley.Answer list = parley().get("/conversations/v1/Configuration/Addresses?PageSize=1");
        assertThat(list.json().get("meta").get("key").asText()).isEqualTo("address_configurations");
        assertThat(list.json().get("address_configurations")).hasSize(1);
        assertThat(parley().get("/conversations/v1/Configuration/Addresses?PageSize=51").json().get("code").asInt())
                .isEqualTo(20001);
    }

    @Test
    default void aWhatsAppUserWritingToAConfiguredSenderStartsAConversationOnWhatsApp() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String plain = number.getPhoneNumber().toString();
        assertThat(parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + number.getSid() + ".json", Map.of("WhatsAppChannel", "simulator")).status()).isEqualTo(200);
        AddressConfiguration config = AddressConfiguration.creator(AddressConfiguration.Type.WHATSAPP, plain)
                .setAutoCreationEnabled(true).create(parley().client());
        assertThat(config.getAddress()).isEqualTo("whatsapp:" + plain);
        String user = "whatsapp:" + Fixtures.handset();
        text(user, "whatsapp:" + plain, "hola", null);
        List<Conversation> all = new ArrayList<>();
        Conversation.reader().read(parley().client()).forEach(all::add);
        Conversation started = all.stream().filter(c -> {
            List<Participant> ps = new ArrayList<>();
            Participant.reader(c.getSid()).read(parley().client()).forEach(ps::add);
            return ps.size() == 1 && ps.getFirst().getMessagingBinding() != null
                    && user.equals(map(ps.getFirst().getMessagingBinding()).get("address"));
        }).findFirst().orElseThrow();
        assertThat(history(started.getSid())).extracting(Message::getBody).containsExactly("hola");
        // The same number's SMS side is not configured: a plain text does not start a conversation.
        String smsHandset = Fixtures.handset();
        text(smsHandset, plain, "plain sms", null);
        List<String> sidsAfter = new ArrayList<>();
        Conversation.reader().read(parley().client()).forEach(c -> sidsAfter.add(c.getSid()));
        assertThat(sidsAfter).hasSize(all.size());
    }

    /**
     * One node's single writer already serializes the texts; the address configuration's row lock is what keeps
     * nodes sharing one PostgreSQL from starting two conversations, which this in-JVM test cannot reach.
     */
    @Test
    default void concurrentFirstTextsFromOneHandsetStartOneConversation() throws Exception {
        Account sub = Account.creator().setFriendlyName("busy line").create(parley().client());
        var client = parley().client(sub.getSid(), sub.getAuthToken());
        String address = Fixtures.number(client, null, null).getPhoneNumber().toString();
        AddressConfiguration.creator(AddressConfiguration.Type.SMS, address).setAutoCreationEnabled(true)
                .create(client);
        String handset = Fixtures.handset();
        int texts = 10;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(texts)) {
            List<java.util.concurrent.Future<Parley.Answer>> sent = new ArrayList<>();
            for (int i = 0; i < texts; i++) {
                String body = "text " + i;
                sent.add(pool.submit(() -> text(handset, address, body, sub.getSid())));
            }
            for (var each : sent) {
                each.get();
            }
        }
        List<Conversation> conversations = new ArrayList<>();
        Conversation.reader().read(client).forEach(conversations::add);
        assertThat(conversations).hasSize(1);
        List<Message> history = new ArrayList<>();
        Message.reader(conversations.getFirst().getSid()).read(client).forEach(history::add);
        assertThat(history).hasSize(texts);
        assertThat(history).extracting(Message::getIndex).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, texts).boxed().toList());
    }

    @Test
    default void aServiceConfigurationIsFetchedAndUpdatedPerService() {
        Service service = Service.creator("configured service").create(parley().client());
        var initial = com.twilio.rest.conversations.v1.service.Configuration.fetcher(service.getSid())
                .fetch(parley().client());
        assertThat(initial.getChatServiceSid()).isEqualTo(service.getSid());
        assertThat(initial.getReachabilityEnabled()).isFalse();
        assertThat(initial.getDefaultConversationRoleSid()).isNull();
        assertThat(initial.getUrl().toString()).isEqualTo(parley().baseUrl() + "/conversations/v1/Services/"
                + service.getSid() + "/Configuration");
        String role = "RL" + "ab".repeat(16);
        var updated = com.twilio.rest.conversations.v1.service.Configuration.updater(service.getSid())
                .setDefaultConversationRoleSid(role).setReachabilityEnabled(true).update(parley().client());
        assertThat(updated.getDefaultConversationRoleSid()).isEqualTo(role);
        assertThat(updated.getReachabilityEnabled()).isTrue();
        assertThat(com.twilio.rest.conversations.v1.service.Configuration.fetcher(service.getSid())
                .fetch(parley().client()).getDefaultConversationRoleSid()).isEqualTo(role);
        assertCode(() -> com.twilio.rest.conversations.v1.service.Configuration.updater(service.getSid())
                .setDefaultChatServiceRoleSid("admin").setReachabilityEnabled(false).update(parley().client()),
                20001, 400);
        assertThat(com.twilio.rest.conversations.v1.service.Configuration.fetcher(service.getSid())
                .fetch(parley().client()).getReachabilityEnabled()).isTrue();
        Parley.Answer wire = parley().get("/conversations/v1/Services/" + service.getSid() + "/Configuration");
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.service.service_configuration", wire.json());
        // The account's Configuration links to its default service's configuration, which answers.
        String link = Configuration.fetcher().fetch(parley().client()).getLinks().get("service");
        assertThat(parley().get(link.substring(parley().baseUrl().length())).status()).isEqualTo(200);
        // Another account's service is not found.
        Account sub = Account.creator().setFriendlyName("service walls").create(parley().client());
        assertCode(() -> com.twilio.rest.conversations.v1.service.Configuration.fetcher(service.getSid())
                .fetch(parley().client(sub.getSid(), sub.getAuthToken())), 20404, 404);
    }
}
