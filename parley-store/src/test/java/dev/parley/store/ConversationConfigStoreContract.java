package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.config.AddressConfiguration;
import dev.parley.core.conversation.config.ConversationDefaults;
import dev.parley.core.conversation.config.ServiceConfiguration;
import dev.parley.core.conversation.config.ServiceNotifications;
import dev.parley.core.conversation.hook.WebhookConfiguration;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The account's Conversations defaults, the default service's move, and address configurations on one database. */
interface ConversationConfigStoreContract extends UsesDatabase {

    private static AddressConfiguration address(String account, String type, String address, Instant at) {
        return new AddressConfiguration(Fixtures.sid("IG"), account, type, address, "line", null,
                new AddressConfiguration.AutoCreation(true, "webhook", null, "https://example.com/h", "POST",
                        List.of("onMessageAdded", "onParticipantAdded"), null, null), at, at);
    }

    private Optional<WebhookConfiguration> webhooks(String account) {
        return storage().read(tx -> tx.conversationConfig().webhooks(account));
    }

    private Optional<ConversationDefaults> defaults(String account) {
        return storage().read(tx -> tx.conversationConfig().defaults(account));
    }

    private Optional<AddressConfiguration> find(String account, String sid) {
        return storage().read(tx -> tx.conversationConfig().findAddress(account, sid));
    }

    private Optional<AddressConfiguration> byAddress(String account, String address) {
        return storage().read(tx -> tx.conversationConfig().findByAddress(account, address));
    }

    private boolean insert(AddressConfiguration a) {
        return storage().write(tx -> tx.conversationConfig().insertAddress(a));
    }

    private boolean delete(String account, String sid) {
        return storage().write(tx -> tx.conversationConfig().deleteAddress(account, sid));
    }

    private Page<AddressConfiguration> list(String account, String type, PageRequest page) {
        return storage().read(tx -> tx.conversationConfig().listAddresses(account, type, page));
    }

    private Optional<ChatService> service(String account, String sid) {
        return storage().read(tx -> tx.chatServices().find(account, sid));
    }

    private Optional<ChatService> defaultService(String account) {
        return storage().read(tx -> tx.chatServices().findDefault(account));
    }

    @Test
    default void defaultsAreAbsentThenSavedThenReplaced() {
        String account = Fixtures.sid("AC");
        assertThat(defaults(account)).isEmpty();
        ConversationDefaults first = new ConversationDefaults(account, Fixtures.sid("MG"), "PT5M", "PT1H", T0);
        storage().writeVoid(tx -> tx.conversationConfig().saveDefaults(first));
        assertThat(defaults(account)).contains(first);
        ConversationDefaults cleared = new ConversationDefaults(account, null, null, "PT2H", T0.plusSeconds(1));
        storage().writeVoid(tx -> tx.conversationConfig().saveDefaults(cleared));
        assertThat(defaults(account)).contains(cleared);
        assertThat(defaults(Fixtures.sid("AC"))).isEmpty();
    }

    @Test
    default void webhookConfigurationIsAbsentThenSavedThenReplacedPerAccount() {
        String account = Fixtures.sid("AC");
        assertThat(webhooks(account)).isEmpty();
        WebhookConfiguration first = new WebhookConfiguration(account, "https://example.com/pre",
                "https://example.com/post", "GET", List.of("onMessageAdded", "onParticipantAdd"), "webhook", T0);
        storage().writeVoid(tx -> tx.conversationConfig().saveWebhooks(first));
        assertThat(webhooks(account)).contains(first);
        WebhookConfiguration cleared = new WebhookConfiguration(account, null, "https://example.com/other", "POST",
                List.of(), "flex", T0.plusSeconds(1));
        storage().writeVoid(tx -> tx.conversationConfig().saveWebhooks(cleared));
        assertThat(webhooks(account)).contains(cleared);
        assertThat(webhooks(Fixtures.sid("AC"))).isEmpty();
    }

    @Test
    default void theDefaultServiceMovesToAnotherServiceOfTheAccount() {
        String account = Fixtures.sid("AC");
        ChatService first = new ChatService(Fixtures.sid("IS"), account, "Default", true, T0, T0);
        ChatService second = new ChatService(Fixtures.sid("IS"), account, "Support", false, T0, T0);
        storage().writeVoid(tx -> {
            tx.chatServices().insert(first);
            tx.chatServices().insert(second);
        });
        storage().writeVoid(tx -> tx.chatServices().makeDefault(account, second.sid()));
        assertThat(defaultService(account)).get()
                .extracting(ChatService::sid).isEqualTo(second.sid());
        assertThat(service(account, first.sid())).get()
                .extracting(ChatService::isDefault).isEqualTo(false);
    }

    @Test
    default void anAddressIsConfiguredOncePerAccountAndReadBackWhole() {
        String account = Fixtures.sid("AC");
        AddressConfiguration a = address(account, "sms", "+14155550100", T0);
        assertThat(insert(a)).isTrue();
        assertThat(insert(address(account, "sms", "+14155550100", T0))).isFalse();
        assertThat(find(account, a.sid())).contains(a);
        assertThat(byAddress(account, "+14155550100")).contains(a);
        assertThat(find(Fixtures.sid("AC"), a.sid())).isEmpty();
        assertThat(byAddress(Fixtures.sid("AC"), "+14155550100"))
                .isEmpty();

        AddressConfiguration changed = a.with("renamed", new AddressConfiguration.AutoCreation(false, "default",
                Fixtures.sid("IS"), null, null, List.of(), null, 3), T0.plusSeconds(5));
        storage().writeVoid(tx -> tx.conversationConfig().updateAddress(changed));
        assertThat(find(account, a.sid())).contains(changed);

        assertThat(delete(account, a.sid())).isTrue();
        assertThat(delete(account, a.sid())).isFalse();
        assertThat(insert(address(account, "sms", "+14155550100", T0))).isTrue();
    }

    @Test
    default void addressesAreListedNewestFirstByTypeAndPaged() {
        String account = Fixtures.sid("AC");
        List<AddressConfiguration> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(address(account, i % 2 == 0 ? "sms" : "whatsapp",
                    (i % 2 == 0 ? "" : "whatsapp:") + "+1415555020" + i, T0.plus(Duration.ofSeconds(i))));
        }
        storage().writeVoid(tx -> all.forEach(a -> tx.conversationConfig().insertAddress(a)));
        storage().writeVoid(tx -> tx.conversationConfig().insertAddress(address(Fixtures.sid("AC"), "sms",
                "+14155550299", T0)));
        Page<AddressConfiguration> first = list(account, null, PageRequest.first(3));
        assertThat(first.items()).extracting(AddressConfiguration::sid)
                .containsExactly(all.get(4).sid(), all.get(3).sid(), all.get(2).sid());
        Page<AddressConfiguration> next = list(account, null, new PageRequest(3, 1, first.next()));
        assertThat(next.items()).extracting(AddressConfiguration::sid)
                .containsExactly(all.get(1).sid(), all.get(0).sid());
        assertThat(list(account, "whatsapp", PageRequest.first(10)).items()).extracting(AddressConfiguration::address)
                .containsExactly("whatsapp:+14155550203", "whatsapp:+14155550201");
    }

    private Optional<ServiceConfiguration> serviceConfiguration(String account, String service) {
        return storage().read(tx -> tx.conversationConfig().serviceConfiguration(account, service));
    }

    @Test
    default void aServiceConfigurationIsSavedReplacedAndDeletedWithItsService() {
        String account = Fixtures.sid("AC");
        ChatService service = new ChatService(Fixtures.sid("IS"), account, "Support", false, T0, T0);
        storage().writeVoid(tx -> tx.chatServices().insert(service));
        assertThat(serviceConfiguration(account, service.sid())).isEmpty();
        ServiceConfiguration first = new ServiceConfiguration(account, service.sid(), Fixtures.sid("RL"), null,
                Fixtures.sid("RL"), true, T0);
        storage().writeVoid(tx -> tx.conversationConfig().saveServiceConfiguration(first));
        assertThat(serviceConfiguration(account, service.sid())).contains(first);
        ServiceConfiguration second = new ServiceConfiguration(account, service.sid(), null, Fixtures.sid("RL"),
                null, false, T0.plusSeconds(1));
        storage().writeVoid(tx -> tx.conversationConfig().saveServiceConfiguration(second));
        assertThat(serviceConfiguration(account, service.sid())).contains(second);
        assertThat(serviceConfiguration(Fixtures.sid("AC"), service.sid())).isEmpty();
        storage().writeVoid(tx -> tx.chatServices().delete(account, service.sid()));
        assertThat(serviceConfiguration(account, service.sid())).isEmpty();
    }

    @Test
    default void hooksFollowTheAccountsConfigurationOnItsDefaultServiceAndAServicesOwnElsewhere() {
        String account = Fixtures.sid("AC");
        ChatService main = new ChatService(Fixtures.sid("IS"), account, "Default", true, T0, T0);
        ChatService other = new ChatService(Fixtures.sid("IS"), account, "Support", false, T0, T0);
        storage().writeVoid(tx -> {
            tx.chatServices().insert(main);
            tx.chatServices().insert(other);
        });
        assertThat(webhooksFor(account, main.sid())).isEmpty();
        assertThat(webhooksFor(account, other.sid())).isEmpty();

        WebhookConfiguration accounts = new WebhookConfiguration(account, "https://example.com/pre",
                "https://example.com/post", "POST", List.of("onMessageAdded"), "flex", T0);
        storage().writeVoid(tx -> tx.conversationConfig().saveWebhooks(accounts));
        assertThat(webhooksFor(account, main.sid())).contains(accounts);
        assertThat(webhooksFor(account, other.sid())).isEmpty();

        WebhookConfiguration own = new WebhookConfiguration(account, null, "https://example.com/support", "GET",
                List.of("onConversationAdded", "onMessageAdd"), "webhook", T0.plusSeconds(1));
        storage().writeVoid(tx -> tx.conversationConfig().saveServiceWebhooks(other.sid(), own));
        assertThat(serviceWebhooks(account, other.sid())).contains(own);
        assertThat(webhooksFor(account, other.sid())).contains(own);
        assertThat(webhooksFor(account, main.sid())).contains(accounts);
        WebhookConfiguration replaced = new WebhookConfiguration(account, "https://example.com/p", null, "POST",
                List.of(), "webhook", T0.plusSeconds(2));
        storage().writeVoid(tx -> tx.conversationConfig().saveServiceWebhooks(other.sid(), replaced));
        assertThat(webhooksFor(account, other.sid())).contains(replaced);
        assertThat(webhooksFor(Fixtures.sid("AC"), other.sid())).isEmpty();

        // The default moves: the account's configuration follows it, the old default has none of its own.
        storage().writeVoid(tx -> tx.chatServices().makeDefault(account, other.sid()));
        assertThat(webhooksFor(account, other.sid())).contains(accounts);
        assertThat(webhooksFor(account, main.sid())).isEmpty();

        storage().writeVoid(tx -> tx.chatServices().delete(account, other.sid()));
        assertThat(serviceWebhooks(account, other.sid())).isEmpty();
    }

    @Test
    default void aServicesNotificationSettingsAreSavedReplacedAndDeletedWithItsService() {
        String account = Fixtures.sid("AC");
        ChatService service = new ChatService(Fixtures.sid("IS"), account, "Support", false, T0, T0);
        storage().writeVoid(tx -> tx.chatServices().insert(service));
        assertThat(notifications(account, service.sid())).isEmpty();
        ServiceNotifications first = new ServiceNotifications(account, service.sid(), true,
                new ServiceNotifications.NewMessage(true, "New in ${CONVERSATION}", "ring", true, true,
                        "${MEDIA_COUNT} files"),
                new ServiceNotifications.Notice(true, "Added to ${CONVERSATION}", "chime"),
                new ServiceNotifications.Notice(false, null, null), T0);
        storage().writeVoid(tx -> tx.conversationConfig().saveNotifications(first));
        assertThat(notifications(account, service.sid())).contains(first);
        ServiceNotifications second = ServiceNotifications.none(account, service.sid());
        ServiceNotifications cleared = new ServiceNotifications(account, service.sid(), false, second.newMessage(),
                second.addedToConversation(), new ServiceNotifications.Notice(true, "Removed", null),
                T0.plusSeconds(1));
        storage().writeVoid(tx -> tx.conversationConfig().saveNotifications(cleared));
        assertThat(notifications(account, service.sid())).contains(cleared);
        assertThat(notifications(Fixtures.sid("AC"), service.sid())).isEmpty();
        storage().writeVoid(tx -> tx.chatServices().delete(account, service.sid()));
        assertThat(notifications(account, service.sid())).isEmpty();
    }

    private Optional<WebhookConfiguration> webhooksFor(String account, String service) {
        return storage().read(tx -> tx.conversationConfig().webhooksFor(account, service));
    }

    private Optional<WebhookConfiguration> serviceWebhooks(String account, String service) {
        return storage().read(tx -> tx.conversationConfig().serviceWebhooks(account, service));
    }

    private Optional<ServiceNotifications> notifications(String account, String service) {
        return storage().read(tx -> tx.conversationConfig().notifications(account, service));
    }
}
