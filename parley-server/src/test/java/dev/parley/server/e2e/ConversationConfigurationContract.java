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
import dev.parley.testing.OpenApiSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account's Conversations Configuration (defaults for new conversations, the default service) and a service's
 * Configuration, through Twilio's SDK; their answers against the spec.
 */
interface ConversationConfigurationContract {

    Parley parley();

    private static Map<String, Object> map(Object o) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        return m;
    }

    private void text(String from, String to, String body, String accountSid) {
        Parley.Answer answer = parley().post("/parley/v1/Simulator/Messages", Map.of("From", from, "To", to,
                "Body", body, "AccountSid", accountSid));
        assertThat(answer.status()).as("simulator answer %s", answer.json()).isEqualTo(201);
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
    default void aServiceConfigurationNamesTheDefaultRolesNewParticipantsGet() {
        Service service = Service.creator("configured service").create(parley().client());
        var initial = com.twilio.rest.conversations.v1.service.Configuration.fetcher(service.getSid())
                .fetch(parley().client());
        assertThat(initial.getChatServiceSid()).isEqualTo(service.getSid());
        assertThat(initial.getReachabilityEnabled()).isFalse();
        assertThat(initial.getUrl().toString()).isEqualTo(parley().baseUrl() + "/conversations/v1/Services/"
                + service.getSid() + "/Configuration");
        // Unset, the roles are the service's default ones.
        Map<String, String> defaults = new java.util.HashMap<>();
        com.twilio.rest.conversations.v1.service.Role.reader(service.getSid()).read(parley().client())
                .forEach(r -> defaults.put(r.getFriendlyName(), r.getSid()));
        assertThat(initial.getDefaultConversationRoleSid()).isEqualTo(defaults.get("channel user"));
        assertThat(initial.getDefaultConversationCreatorRoleSid()).isEqualTo(defaults.get("channel admin"));
        assertThat(initial.getDefaultChatServiceRoleSid()).isEqualTo(defaults.get("service user"));

        String guest = com.twilio.rest.conversations.v1.service.Role.creator(service.getSid(), "guest",
                com.twilio.rest.conversations.v1.service.Role.RoleType.CONVERSATION, List.of("sendMessage"))
                .create(parley().client()).getSid();
        var updated = com.twilio.rest.conversations.v1.service.Configuration.updater(service.getSid())
                .setDefaultConversationRoleSid(guest).setReachabilityEnabled(true).update(parley().client());
        assertThat(updated.getDefaultConversationRoleSid()).isEqualTo(guest);
        assertThat(updated.getReachabilityEnabled()).isTrue();
        var conversation = com.twilio.rest.conversations.v1.service.Conversation.creator(service.getSid())
                .create(parley().client());
        assertThat(com.twilio.rest.conversations.v1.service.conversation.Participant.creator(service.getSid(),
                conversation.getSid()).setIdentity("visitor").create(parley().client()).getRoleSid()).isEqualTo(guest);

        // A role of another type, or of no one: refused, nothing changes.
        assertCode(() -> com.twilio.rest.conversations.v1.service.Configuration.updater(service.getSid())
                .setDefaultChatServiceRoleSid(guest).setReachabilityEnabled(false).update(parley().client()),
                20001, 400);
        assertCode(() -> com.twilio.rest.conversations.v1.service.Configuration.updater(service.getSid())
                .setDefaultConversationRoleSid("RL" + "ab".repeat(16)).update(parley().client()), 20001, 400);
        var after = com.twilio.rest.conversations.v1.service.Configuration.fetcher(service.getSid())
                .fetch(parley().client());
        assertThat(after.getReachabilityEnabled()).isTrue();
        assertThat(after.getDefaultConversationRoleSid()).isEqualTo(guest);
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
