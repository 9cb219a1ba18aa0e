package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.ParticipantConversation;
import com.twilio.rest.conversations.v1.Role;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.User;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.user.UserConversation;
import dev.parley.testing.OpenApiSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Users, the conversations of a user ({@code /Users/{Sid}/Conversations}) and of any participant
 * ({@code /ParticipantConversations}), and Roles — through Twilio's SDK, and their JSON against Twilio's description.
 */
interface ConversationUsersContract {

    Parley parley();

    private static String identity(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    private Map<String, Role> rolesByName() {
        List<Role> roles = new ArrayList<>();
        Role.reader().pageSize(2).read(parley().client()).forEach(roles::add);
        return roles.stream().collect(Collectors.toMap(Role::getFriendlyName, Function.identity(), (a, b) -> a));
    }

    @Test
    default void userIsCreatedFetchedByIdentityUpdatedListedAndDeletedThroughTheSdk() {
        // Identities are free text: an e-mail address with a space and a plus, escaped in the path by the SDK.
        String identity = identity("ada lovelace+1@example.com");
        User created = User.creator(identity).setFriendlyName("Ada").setAttributes("{\"tier\":\"gold\"}")
                .create(parley().client());
        assertThat(created.getSid()).matches("US[0-9a-f]{32}");
        assertThat(created.getIdentity()).isEqualTo(identity);
        assertThat(created.getFriendlyName()).isEqualTo("Ada");
        assertThat(created.getAttributes()).isEqualTo("{\"tier\":\"gold\"}");
        assertThat(created.getChatServiceSid()).matches("IS[0-9a-f]{32}");
        assertThat(created.getLinks()).containsKey("user_conversations");
        // Without a RoleSid, a user holds the service's "service user" role.
        assertThat(created.getRoleSid()).isEqualTo(rolesByName().get("service user").getSid());

        assertThat(User.fetcher(identity).fetch(parley().client()).getSid()).isEqualTo(created.getSid());
        User updated = User.updater(created.getSid()).setFriendlyName("Ada L.").setRoleSid(
                rolesByName().get("service admin").getSid()).update(parley().client());
        assertThat(updated.getFriendlyName()).isEqualTo("Ada L.");
        assertThat(updated.getAttributes()).isEqualTo("{\"tier\":\"gold\"}");
        assertThat(updated.getRoleSid()).isEqualTo(rolesByName().get("service admin").getSid());

        List<String> listed = new ArrayList<>();
        User.reader().pageSize(2).read(parley().client()).forEach(u -> listed.add(u.getSid()));
        assertThat(listed).contains(created.getSid()).doesNotHaveDuplicates();

        assertCode(() -> User.creator(identity).create(parley().client()), 50201, 409);
        assertCode(() -> User.creator(identity("bad")).setAttributes("{not json").create(parley().client()),
                50006, 400);
        // A conversation role is not a user's role.
        assertCode(() -> User.updater(created.getSid()).setRoleSid(rolesByName().get("channel user").getSid())
                .update(parley().client()), 20001, 400);
        assertThat(User.fetcher(created.getSid()).fetch(parley().client()).getRoleSid())
                .isEqualTo(rolesByName().get("service admin").getSid());

        User.deleter(identity).delete(parley().client());
        assertCode(() -> User.fetcher(created.getSid()).fetch(parley().client()), 20404, 404);
    }

    @Test
    default void aChatParticipantGetsItsUserAndTheUserSeesTheConversationWithUnreadCountAndNotificationLevel() {
        String identity = identity("grace");
        Conversation c = Conversation.creator().setFriendlyName("user view").setUniqueName(identity)
                .create(parley().client());
        Participant p = Participant.creator(c.getSid()).setIdentity(identity).create(parley().client());
        assertThat(p.getRoleSid()).isEqualTo(rolesByName().get("channel user").getSid());
        User user = User.fetcher(identity).fetch(parley().client());
        assertThat(user.getRoleSid()).isEqualTo(rolesByName().get("service user").getSid());
        for (String body : List.of("one", "two", "three")) {
            Message.creator(c.getSid()).setAuthor("system").setBody(body).create(parley().client());
        }

        List<UserConversation> mine = new ArrayList<>();
        UserConversation.reader(user.getSid()).read(parley().client()).forEach(mine::add);
        assertThat(mine).hasSize(1);
        UserConversation uc = mine.getFirst();
        assertThat(uc.getConversationSid()).isEqualTo(c.getSid());
        assertThat(uc.getParticipantSid()).isEqualTo(p.getSid());
        assertThat(uc.getUserSid()).isEqualTo(user.getSid());
        assertThat(uc.getFriendlyName()).isEqualTo("user view");
        assertThat(uc.getUniqueName()).isEqualTo(identity);
        assertThat(uc.getConversationState()).isEqualTo(UserConversation.State.ACTIVE);
        assertThat(uc.getNotificationLevel()).isEqualTo(UserConversation.NotificationLevel.DEFAULT);
        // No read horizon yet: no unread count, as on Twilio.
        assertThat(uc.getLastReadMessageIndex()).isNull();
        assertThat(uc.getUnreadMessagesCount()).isNull();
        assertThat(uc.getLinks()).containsKeys("participant", "conversation");

        UserConversation read = UserConversation.updater(user.getSid(), c.getSid()).setLastReadMessageIndex(0)
                .setLastReadTimestamp(java.time.ZonedDateTime.parse("2026-01-01T00:00:00Z"))
                .setNotificationLevel(UserConversation.NotificationLevel.MUTED).update(parley().client());
        assertThat(read.getLastReadMessageIndex()).isEqualTo(0);
        assertThat(read.getUnreadMessagesCount()).isEqualTo(2);
        assertThat(read.getNotificationLevel()).isEqualTo(UserConversation.NotificationLevel.MUTED);
        // The read horizon is the participant's.
        Participant horizon = Participant.fetcher(c.getSid(), p.getSid()).fetch(parley().client());
        assertThat(horizon.getLastReadMessageIndex()).isEqualTo(0);
        assertThat(horizon.getLastReadTimestamp()).startsWith("2026-01-01T00:00:00");
        assertCode(() -> UserConversation.updater(user.getSid(), c.getSid()).setLastReadMessageIndex(-1)
                .update(parley().client()), 20001, 400);
        Message.creator(c.getSid()).setBody("four").create(parley().client());
        UserConversation byIdentity = UserConversation.fetcher(identity, identity).fetch(parley().client());
        assertThat(byIdentity.getUnreadMessagesCount()).isEqualTo(3);
        assertThat(byIdentity.getNotificationLevel()).isEqualTo(UserConversation.NotificationLevel.MUTED);

        // A participant renamed to a new identity, or added with its conversation, gets a user too.
        String renamed = identity("grace-renamed");
        Participant other = Participant.creator(c.getSid()).setIdentity(identity("tmp")).create(parley().client());
        Participant.updater(c.getSid(), other.getSid()).setIdentity(renamed).update(parley().client());
        assertThat(User.fetcher(renamed).fetch(parley().client()).getIdentity()).isEqualTo(renamed);
        String together = identity("together");
        com.twilio.rest.conversations.v1.ConversationWithParticipants.creator()
                .setParticipant(List.of("{\"identity\":\"" + together + "\"}")).create(parley().client());
        assertThat(User.fetcher(together).fetch(parley().client()).getIdentity()).isEqualTo(together);
        // A refused creation leaves no user behind (the SMS participant's proxy is not the account's: 50413).
        String refused = identity("refused");
        assertCode(() -> com.twilio.rest.conversations.v1.ConversationWithParticipants.creator()
                .setParticipant(List.of("{\"identity\":\"" + refused + "\"}", "{\"messaging_binding\":"
                        + "{\"address\":\"" + Fixtures.handset() + "\",\"proxy_address\":\"+15005550006\"}}"))
                .create(parley().client()), 50413, 400);
        assertCode(() -> User.fetcher(refused).fetch(parley().client()), 20404, 404);

        // Leaving removes the participant; the user stays.
        UserConversation.deleter(user.getSid(), c.getSid()).delete(parley().client());
        assertCode(() -> Participant.fetcher(c.getSid(), p.getSid()).fetch(parley().client()), 20404, 404);
        assertThat(UserConversation.reader(user.getSid()).read(parley().client()).iterator().hasNext()).isFalse();
        assertCode(() -> UserConversation.fetcher(user.getSid(), c.getSid()).fetch(parley().client()), 20404, 404);
        assertThat(User.fetcher(user.getSid()).fetch(parley().client()).getIdentity()).isEqualTo(identity);
    }

    @Test
    default void participantConversationsFindTheConversationsOfAnIdentityAndOfAnSmsAddress() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String handset = Fixtures.handset();
        String identity = identity("lin");
        Conversation first = Conversation.creator().setFriendlyName("first").create(parley().client());
        Conversation second = Conversation.creator().setFriendlyName("second").create(parley().client());
        Participant.creator(first.getSid()).setIdentity(identity).create(parley().client());
        Participant.creator(second.getSid()).setIdentity(identity).create(parley().client());
        Participant sms = Participant.creator(second.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxy.getPhoneNumber().toString()).create(parley().client());

        List<ParticipantConversation> ofIdentity = new ArrayList<>();
        ParticipantConversation.reader().setIdentity(identity).setPageSize(1L).read(parley().client())
                .forEach(ofIdentity::add);
        assertThat(ofIdentity).extracting(ParticipantConversation::getConversationSid)
                .containsExactly(first.getSid(), second.getSid());
        assertThat(ofIdentity.getFirst().getParticipantIdentity()).isEqualTo(identity);
        assertThat(ofIdentity.getFirst().getParticipantUserSid())
                .isEqualTo(User.fetcher(identity).fetch(parley().client()).getSid());
        assertThat(ofIdentity.getFirst().getConversationFriendlyName()).isEqualTo("first");
        assertThat(ofIdentity.getFirst().getConversationState()).isEqualTo(ParticipantConversation.State.ACTIVE);

        List<ParticipantConversation> ofAddress = new ArrayList<>();
        ParticipantConversation.reader().setAddress(handset).read(parley().client()).forEach(ofAddress::add);
        assertThat(ofAddress).hasSize(1);
        assertThat(ofAddress.getFirst().getParticipantSid()).isEqualTo(sms.getSid());
        assertThat(ofAddress.getFirst().getParticipantUserSid()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> binding = (Map<String, Object>) ofAddress.getFirst().getParticipantMessagingBinding();
        assertThat(binding).containsEntry("address", handset).containsEntry("type", "sms");

        assertThat(parley().get("/conversations/v1/ParticipantConversations").json().get("code").asInt())
                .isEqualTo(20001);
    }

    @Test
    default void everyServiceHasTwiliosDefaultRolesAndCustomRolesAreCreatedUpdatedAssignedAndDeleted() {
        Map<String, Role> roles = rolesByName();
        assertThat(roles).containsKeys("service admin", "service user", "channel admin", "channel user");
        assertThat(roles.get("service user").getType()).isEqualTo(Role.RoleType.SERVICE);
        assertThat(roles.get("service user").getPermissions())
                .containsExactlyInAnyOrder("createConversation", "joinConversation", "editOwnUserInfo");
        assertThat(roles.get("channel user").getType()).isEqualTo(Role.RoleType.CONVERSATION);
        assertThat(roles.get("channel user").getPermissions()).contains("sendMessage", "sendMediaMessage",
                "leaveConversation", "editOwnMessage", "deleteOwnMessage").doesNotContain("editAnyMessage",
                "deleteAnyMessage");
        assertThat(roles.get("channel admin").getPermissions()).contains("editAnyMessage", "deleteAnyMessage",
                "removeParticipant", "addParticipant");

        Role reader = Role.creator("reader " + System.nanoTime(), Role.RoleType.CONVERSATION,
                List.of("leaveConversation")).create(parley().client());
        assertThat(reader.getSid()).matches("RL[0-9a-f]{32}");
        assertThat(reader.getPermissions()).containsExactly("leaveConversation");
        Role widened = Role.updater(reader.getSid(), List.of("leaveConversation", "sendMessage"))
                .update(parley().client());
        assertThat(widened.getPermissions()).containsExactly("leaveConversation", "sendMessage");
        assertThat(Role.fetcher(reader.getSid()).fetch(parley().client()).getPermissions())
                .containsExactly("leaveConversation", "sendMessage");

        Conversation c = Conversation.creator().create(parley().client());
        Participant p = Participant.creator(c.getSid()).setIdentity(identity("ro")).setRoleSid(reader.getSid())
                .create(parley().client());
        assertThat(p.getRoleSid()).isEqualTo(reader.getSid());
        // A service role is not a participant's role.
        assertCode(() -> Participant.creator(c.getSid()).setIdentity(identity("svc"))
                .setRoleSid(roles.get("service user").getSid()).create(parley().client()), 20001, 400);
        assertCode(() -> Role.creator("bad", Role.RoleType.CONVERSATION, List.of("createConversation"))
                .create(parley().client()), 20001, 400);
        assertCode(() -> Role.updater(reader.getSid(), List.of("flyToTheMoon")).update(parley().client()),
                20001, 400);
        // A role that is held, or a default role, stays.
        assertCode(() -> Role.deleter(reader.getSid()).delete(parley().client()), 20001, 400);
        assertCode(() -> Role.deleter(roles.get("channel user").getSid()).delete(parley().client()), 20001, 400);
        Participant.updater(c.getSid(), p.getSid()).setRoleSid(roles.get("channel admin").getSid())
                .update(parley().client());
        Role.deleter(reader.getSid()).delete(parley().client());
        assertCode(() -> Role.fetcher(reader.getSid()).fetch(parley().client()), 20404, 404);
    }

    @Test
    default void usersAndRolesOfAServiceAreItsOwn() {
        Service service = Service.creator("users " + System.nanoTime()).create(parley().client());
        String identity = identity("scoped");
        var scoped = com.twilio.rest.conversations.v1.service.User.creator(service.getSid(), identity)
                .create(parley().client());
        assertThat(scoped.getChatServiceSid()).isEqualTo(service.getSid());
        assertCode(() -> User.fetcher(identity).fetch(parley().client()), 20404, 404);
        List<com.twilio.rest.conversations.v1.service.Role> roles = new ArrayList<>();
        com.twilio.rest.conversations.v1.service.Role.reader(service.getSid()).read(parley().client())
                .forEach(roles::add);
        assertThat(roles).hasSize(4).allSatisfy(r -> assertThat(r.getChatServiceSid()).isEqualTo(service.getSid()));
        assertThat(roles).extracting(com.twilio.rest.conversations.v1.service.Role::getSid)
                .contains(scoped.getRoleSid());
        // Another account sees none of them.
        var sub = com.twilio.rest.api.v2010.Account.creator().setFriendlyName("users-isolation")
                .create(parley().client());
        var other = parley().client(sub.getSid(), sub.getAuthToken());
        assertCode(() -> com.twilio.rest.conversations.v1.service.User.fetcher(service.getSid(), scoped.getSid())
                .fetch(other), 20404, 404);
        assertCode(() -> User.fetcher(identity).fetch(other), 20404, 404);
        Service.deleter(service.getSid()).delete(parley().client());
        assertCode(() -> com.twilio.rest.conversations.v1.service.User.fetcher(service.getSid(), scoped.getSid())
                .fetch(parley().client()), 20404, 404);
    }

    @Test
    default void userRoleAndParticipantConversationJsonHasEveryFieldOfTheSpec() {
        OpenApiSpec spec = OpenApiSpec.conversationsV1();
        String identity = identity("shape");
        Parley.Answer user = parley().post("/conversations/v1/Users", Map.of("Identity", identity));
        assertThat(user.status()).isEqualTo(201);
        spec.assertConforms("conversations.v1.user", user.json());
        String userSid = user.json().get("sid").asText();
        assertThat(user.json().get("url").asText()).isEqualTo(parley().baseUrl() + "/conversations/v1/Users/"
                + userSid);
        String service = user.json().get("chat_service_sid").asText();
        spec.assertConforms("conversations.v1.service.service_user",
                parley().get("/conversations/v1/Services/" + service + "/Users/" + userSid).json());

        String conversation = parley().post("/conversations/v1/Conversations", Map.of("FriendlyName", "shape",
                "Timers.Inactive", "PT10M", "State", "active")).json().get("sid").asText();
        parley().post("/conversations/v1/Conversations/" + conversation + "/Participants",
                Map.of("Identity", identity));
        Parley.Answer uc = parley().post("/conversations/v1/Users/" + userSid + "/Conversations/" + conversation,
                Map.of("LastReadMessageIndex", "0"));
        assertThat(uc.status()).isEqualTo(200);
        spec.assertConforms("conversations.v1.user.user_conversation", uc.json());
        assertThat(uc.json().get("unread_messages_count").asInt()).isZero();
        JsonNode scopedUc = parley().get("/conversations/v1/Services/" + service + "/Users/" + userSid
                + "/Conversations").json();
        assertThat(scopedUc.get("meta").get("key").asText()).isEqualTo("conversations");
        spec.assertConforms("conversations.v1.service.service_user.service_user_conversation",
                scopedUc.get("conversations").get(0));

        JsonNode pc = parley().get("/conversations/v1/ParticipantConversations?Identity=" + identity).json();
        spec.assertConforms("conversations.v1.participant_conversation", pc.get("conversations").get(0));
        spec.assertConforms("conversations.v1.service.service_participant_conversation",
                parley().get("/conversations/v1/Services/" + service + "/ParticipantConversations?Identity="
                        + identity).json().get("conversations").get(0));

        JsonNode roles = parley().get("/conversations/v1/Roles").json();
        assertThat(roles.get("meta").get("key").asText()).isEqualTo("roles");
        spec.assertConforms("conversations.v1.role", roles.get("roles").get(0));
        spec.assertConforms("conversations.v1.service.service_role",
                parley().get("/conversations/v1/Services/" + service + "/Roles").json().get("roles").get(0));
        // Twilio's page limit for these lists is 50.
        for (String list : List.of("/Users", "/Roles", "/Users/" + userSid + "/Conversations",
                "/ParticipantConversations?Identity=" + identity + "&")) {
            String sep = list.endsWith("&") ? "" : "?";
            assertThat(parley().get("/conversations/v1" + list + sep + "PageSize=51").json().get("code").asInt())
                    .isEqualTo(20001);
            assertThat(parley().get("/conversations/v1" + list + sep + "PageSize=50").status()).isEqualTo(200);
        }
    }
}
