package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.User;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.user.UserConversation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 3, through Twilio's Java SDK: Conversations resources reached by the natural key Twilio documents
 * for their {@code {Sid}} (an address configuration by its address, a conversation by its unique name,
 * participants and users by identity), unscoped and under their service.
 */
interface NaturalKeysContract {

    Parley parley();

    @Test
    default void addressConfigurationIsFetchedUpdatedAndDeletedByItsAddress() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String address = number.getPhoneNumber().toString();
        assertThat(parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + number.getSid() + ".json", Map.of("WhatsAppChannel", "simulator")).status()).isEqualTo(200);
        AddressConfiguration sms = AddressConfiguration.creator(AddressConfiguration.Type.SMS, address)
                .setFriendlyName("by number").create(parley().client());
        AddressConfiguration whatsApp = AddressConfiguration.creator(AddressConfiguration.Type.WHATSAPP,
                "whatsapp:" + address).setFriendlyName("by whatsapp").create(parley().client());

        // The SDK puts the address into the path as it is: "+1…" and "whatsapp:+1…".
        assertThat(AddressConfiguration.fetcher(address).fetch(parley().client()).getSid()).isEqualTo(sms.getSid());
        assertThat(AddressConfiguration.fetcher("whatsapp:" + address).fetch(parley().client()).getSid())
                .isEqualTo(whatsApp.getSid());
        assertThat(AddressConfiguration.fetcher(sms.getSid()).fetch(parley().client()).getAddress())
                .isEqualTo(address);
        // Percent-encoded, and the '+' left as it is.
        String path = "/conversations/v1/Configuration/Addresses/";
        assertThat(parley().get(path + address.replace("+", "%2B")).json().get("sid").asText())
                .isEqualTo(sms.getSid());
        assertThat(parley().get(path + "whatsapp%3A" + address.replace("+", "%2B")).json().get("sid").asText())
                .isEqualTo(whatsApp.getSid());

        assertThat(AddressConfiguration.updater("whatsapp:" + address).setFriendlyName("renamed")
                .update(parley().client()).getFriendlyName()).isEqualTo("renamed");
        assertThat(AddressConfiguration.fetcher(whatsApp.getSid()).fetch(parley().client()).getFriendlyName())
                .isEqualTo("renamed");
        assertThat(AddressConfiguration.deleter(address).delete(parley().client())).isTrue();
        assertCode(() -> AddressConfiguration.fetcher(sms.getSid()).fetch(parley().client()), 20404, 404);
        assertCode(() -> AddressConfiguration.fetcher(address).fetch(parley().client()), 20404, 404);
        assertThat(AddressConfiguration.fetcher("whatsapp:" + address).fetch(parley().client()).getSid())
                .isEqualTo(whatsApp.getSid());
        assertCode(() -> AddressConfiguration.fetcher("not-an-address").fetch(parley().client()), 20404, 404);
        assertCode(() -> AddressConfiguration.deleter("+15005550006").delete(parley().client()), 20404, 404);
    }

    @Test
    default void participantsUsersAndConversationsAreReachedByTheirNaturalKeys() {
        String identity = "keyed-" + System.nanoTime();
        String unique = "keyed-room-" + System.nanoTime();
        Conversation c = Conversation.creator().setUniqueName(unique).create(parley().client());
        Participant p = Participant.creator(c.getSid()).setIdentity(identity).create(parley().client());

        assertThat(Conversation.fetcher(unique).fetch(parley().client()).getSid()).isEqualTo(c.getSid());
        assertThat(Participant.fetcher(c.getSid(), identity).fetch(parley().client()).getSid()).isEqualTo(p.getSid());
        User user = User.fetcher(identity).fetch(parley().client());
        assertThat(user.getIdentity()).isEqualTo(identity);
        assertThat(User.updater(identity).setFriendlyName("Grace").update(parley().client()).getSid())
                .isEqualTo(user.getSid());
        assertThat(UserConversation.fetcher(identity, unique).fetch(parley().client()).getConversationSid())
                .isEqualTo(c.getSid());
        assertThat(Conversation.updater(unique).setFriendlyName("by name").update(parley().client())
                .getFriendlyName()).isEqualTo("by name");

        // The same keys under the conversation's service.
        String service = c.getChatServiceSid();
        assertThat(com.twilio.rest.conversations.v1.service.User.fetcher(service, identity).fetch(parley().client())
                .getFriendlyName()).isEqualTo("Grace");
        assertThat(com.twilio.rest.conversations.v1.service.Conversation.fetcher(service, unique)
                .fetch(parley().client()).getSid()).isEqualTo(c.getSid());
        assertThat(com.twilio.rest.conversations.v1.service.conversation.Participant.fetcher(service, c.getSid(),
                identity).fetch(parley().client()).getSid()).isEqualTo(p.getSid());
        assertThat(com.twilio.rest.conversations.v1.service.user.UserConversation.fetcher(service, identity, unique)
                .fetch(parley().client()).getParticipantSid()).isEqualTo(p.getSid());
        // Another service does not see them.
        Service other = Service.creator("elsewhere").create(parley().client());
        assertCode(() -> com.twilio.rest.conversations.v1.service.User.fetcher(other.getSid(), identity)
                .fetch(parley().client()), 20404, 404);

        assertThat(User.deleter(identity).delete(parley().client())).isTrue();
        assertCode(() -> User.fetcher(user.getSid()).fetch(parley().client()), 20404, 404);
        assertThat(Conversation.deleter(unique).delete(parley().client())).isTrue();
        assertCode(() -> Conversation.fetcher(c.getSid()).fetch(parley().client()), 20404, 404);
    }
}
