package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.user.ConversationUser;
import dev.parley.core.conversation.user.Role;
import dev.parley.core.conversation.user.Roles;
import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Users, roles, the conversations of a participant, and the role check of an identity, on one database. */
interface ConversationUserStoreContract extends UsesDatabase {

    private static ConversationUser user(String account, String service, String identity, long second) {
        return new ConversationUser(Fixtures.sid("US"), account, service, identity, null, "{}", null,
                T0.plusSeconds(second), T0.plusSeconds(second));
    }

    private static Role role(String account, String service, String name, String defaultName, List<String> perms) {
        return new Role(Fixtures.sid("RL"), account, service, name, Role.Type.CONVERSATION, perms, defaultName, T0,
                T0);
    }

    private Conversation conversation(String account, String service) {
        Conversation c = new Conversation(Fixtures.sid("CH"), account, service, null, "Help", null, "{}",
                ConversationState.ACTIVE, Conversation.Timers.NONE, T0, T0);
        storage().writeVoid(tx -> tx.conversations().insert(c));
        return c;
    }

    private Participant participant(Conversation c, String identity, String address, String roleSid) {
        Participant p = new Participant(Fixtures.sid("MB"), c.accountSid(), c.sid(), c.chatServiceSid(), identity,
                new Participant.Binding(address, address == null ? null : "+14155550100", null), "{}", roleSid, null,
                null, T0, T0);
        storage().writeVoid(tx -> tx.conversations().insertParticipant(p));
        return p;
    }

    @Test
    default void aUserRoundTripsAndItsIdentityIsUniquePerService() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        ConversationUser ada = user(account, service, "ada", 0);
        assertThat(boolW(tx -> tx.users().insert(ada))).isTrue();
        assertThat(boolW(tx -> tx.users().insert(user(account, service, "ada", 1)))).isFalse();
        assertThat(boolW(tx -> tx.users().insert(user(account, Fixtures.sid("IS"), "ada", 1)))).isTrue();
        assertThat(optR(tx -> tx.users().find(account, service, ada.sid()))).contains(ada);
        assertThat(optR(tx -> tx.users().findByIdentity(account, service, "ada"))).contains(ada);
        assertThat(optR(tx -> tx.users().findByIdentity(Fixtures.sid("AC"), service, "ada"))).isEmpty();

        ConversationUser changed = new ConversationUser(ada.sid(), account, service, "ada", "Ada", "{\"a\":1}",
                Fixtures.sid("RL"), T0, T0.plusSeconds(9));
        storage().writeVoid(tx -> tx.users().update(changed));
        assertThat(optR(tx -> tx.users().find(account, service, ada.sid()))).contains(changed);

        ConversationUser bob = user(account, service, "bob", 2);
        storage().writeVoid(tx -> tx.users().insert(bob));
        List<String> listed = new ArrayList<>();
        Page<ConversationUser> page = storage().read(tx -> tx.users().list(account, service, PageRequest.first(1)));
        page.items().forEach(u -> listed.add(u.identity()));
        Page<ConversationUser> next = storage().read(tx -> tx.users().list(account, service,
                new PageRequest(1, 1, page.next())));
        next.items().forEach(u -> listed.add(u.identity()));
        assertThat(listed).containsExactly("ada", "bob");
        assertThat(next.next()).isNull();

        assertThat(boolW(tx -> tx.users().delete(account, service, ada.sid()))).isTrue();
        assertThat(boolW(tx -> tx.users().delete(account, service, ada.sid()))).isFalse();
    }

    @Test
    default void eachDefaultRoleExistsOncePerServiceAndCustomRolesAreMany() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        Role first = role(account, service, "channel user", "channel user", List.of("sendMessage"));
        assertThat(boolW(tx -> tx.roles().insert(first))).isTrue();
        assertThat(boolW(tx -> tx.roles().insert(role(account, service, "channel user", "channel user",
                List.of("sendMessage"))))).isFalse();
        assertThat(boolW(tx -> tx.roles().insert(role(account, service, "a", null, List.of("x"))))).isTrue();
        assertThat(boolW(tx -> tx.roles().insert(role(account, service, "b", null, List.of("y"))))).isTrue();
        assertThat(listR(tx -> tx.roles().defaults(account, service))).containsExactly(first);
        assertThat(listR(tx -> tx.roles().list(account, service, PageRequest.first(10)).items()))
                .hasSize(3);

        Role widened = new Role(first.sid(), account, service, "channel user", Role.Type.CONVERSATION,
                List.of("sendMessage", "leaveConversation"), "channel user", T0, T0.plusSeconds(1));
        storage().writeVoid(tx -> tx.roles().update(widened));
        assertThat(optR(tx -> tx.roles().find(account, service, first.sid()))).contains(widened);
        assertThat(optR(tx -> tx.roles().find(account, Fixtures.sid("IS"), first.sid()))).isEmpty();

        assertThat(boolR(tx -> tx.roles().inUse(account, service, first.sid()))).isFalse();
        participant(conversation(account, service), "ada", null, first.sid());
        assertThat(boolR(tx -> tx.roles().inUse(account, service, first.sid()))).isTrue();
    }

    @Test
    default void theConversationsOfAnIdentityOrAddressCarryUnreadCountsAndNotificationLevels() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        Conversation one = conversation(account, service);
        Conversation two = conversation(account, service);
        Participant p1 = participant(one, "ada", null, null);
        participant(two, "ada", null, null);
        participant(two, null, "+15005550001", null);
        participant(conversation(account, Fixtures.sid("IS")), "ada", null, null);

        assertThat(listR(tx -> tx.users().participantsOf(account, service, "ada", null,
                PageRequest.first(10)).items())).extracting(Participant::conversationSid)
                .containsExactlyInAnyOrder(one.sid(), two.sid());
        assertThat(listR(tx -> tx.users().participantsOf(account, service, null, "+15005550001",
                PageRequest.first(10)).items())).extracting(Participant::conversationSid).containsExactly(two.sid());

        assertThat(textR(tx -> tx.users().notificationLevel(account, p1.sid()))).isEqualTo("default");
        storage().writeVoid(tx -> tx.users().setNotificationLevel(account, p1.sid(), "muted"));
        assertThat(textR(tx -> tx.users().notificationLevel(account, p1.sid()))).isEqualTo("muted");

        for (long i = 0; i < 4; i++) {
            long index = i;
            storage().writeVoid(tx -> tx.conversationMessages().insert(new ConversationMessage(Fixtures.sid("IM"),
                    account, one.sid(), service, index, "system", "m" + index, List.of(), "{}", null, T0, T0)));
        }
        assertThat(countR(tx -> tx.users().countMessagesAfter(account, one.sid(), 1))).isEqualTo(2);
        assertThat(countR(tx -> tx.users().countMessagesAfter(account, two.sid(), -1))).isZero();
    }

    @Test
    default void anIdentityActsOnlyWithThePermissionsOfItsParticipantsRole() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        Conversation c = conversation(account, service);
        Role readOnly = role(account, service, "read only", null, List.of("leaveConversation"));
        storage().writeVoid(tx -> tx.roles().insert(readOnly));
        participant(c, "reader", null, readOnly.sid());
        participant(c, "plain", null, null);

        storage().read(tx -> {
            Roles.check(tx, account, c.sid(), "reader", "leaveConversation");
            // No role: the default "channel user" permissions.
            Roles.check(tx, account, c.sid(), "plain", "sendMessage");
            return null;
        });
        assertRefused(() -> storage().read(tx -> {
            Roles.check(tx, account, c.sid(), "reader", "sendMessage");
            return null;
        }), 50107);
        assertRefused(() -> storage().read(tx -> {
            Roles.check(tx, account, c.sid(), "plain", "deleteAnyMessage");
            return null;
        }), 50107);
        assertRefused(() -> storage().read(tx -> {
            Roles.check(tx, account, c.sid(), "stranger", "sendMessage");
            return null;
        }), 50430);
    }

    @Test
    default void deletingAServiceDeletesItsUsersAndRoles() {
        String account = Fixtures.sid("AC");
        ChatService service = new ChatService(Fixtures.sid("IS"), account, "S", false, T0, T0);
        storage().writeVoid(tx -> tx.chatServices().insert(service));
        ConversationUser u = user(account, service.sid(), "ada", 0);
        Role r = role(account, service.sid(), "custom", null, List.of("sendMessage"));
        storage().writeVoid(tx -> {
            tx.users().insert(u);
            tx.roles().insert(r);
        });
        assertThat(boolW(tx -> tx.chatServices().delete(account, service.sid()))).isTrue();
        assertThat(optR(tx -> tx.users().find(account, service.sid(), u.sid()))).isEmpty();
        assertThat(optR(tx -> tx.roles().find(account, service.sid(), r.sid()))).isEmpty();
    }

    private boolean boolW(Function<Tx, Boolean> work) {
        return storage().write(work);
    }

    private boolean boolR(Function<Tx, Boolean> work) {
        return storage().read(work);
    }

    private <T> Optional<T> optR(Function<Tx, Optional<T>> work) {
        return storage().read(work);
    }

    private <T> List<T> listR(Function<Tx, List<T>> work) {
        return storage().read(work);
    }

    private String textR(Function<Tx, String> work) {
        return storage().read(work);
    }

    private long countR(Function<Tx, Long> work) {
        return storage().read(work);
    }

    private static void assertRefused(Runnable call, int code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
