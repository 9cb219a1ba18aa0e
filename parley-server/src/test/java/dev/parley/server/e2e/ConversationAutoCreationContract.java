package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.security.RequestValidator;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Address configurations with auto-creation: a handset that texts a configured address starts a conversation —
 * through Twilio's SDK, the simulator and a webhook receiver.
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

}
