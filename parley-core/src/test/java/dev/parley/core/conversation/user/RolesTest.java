package dev.parley.core.conversation.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void theDefaultRolesHoldOnlyPermissionsOfTheirType() {
        assertThat(Roles.DEFAULTS).containsOnlyKeys(Roles.SERVICE_ADMIN, Roles.SERVICE_USER, Roles.CHANNEL_ADMIN,
                Roles.CHANNEL_USER);
        Roles.DEFAULTS.values().forEach(t -> assertThat(t.type() == Role.Type.SERVICE
                ? Roles.SERVICE_PERMISSIONS : Roles.CONVERSATION_PERMISSIONS).containsAll(t.permissions()));
        assertThat(Roles.DEFAULTS.get(Roles.CHANNEL_USER).permissions()).contains("sendMessage")
                .doesNotContain("editAnyMessage", "deleteAnyMessage");
        assertThat(Roles.DEFAULTS.get(Roles.CHANNEL_ADMIN).permissions()).contains("editAnyMessage",
                "deleteAnyMessage");
    }

    @Test
    void requireRefusesWith50107WhatTheRoleDoesNotGrant() {
        Roles.require(List.of("sendMessage"), "ada", "sendMessage");
        assertThatThrownBy(() -> Roles.require(List.of("sendMessage"), "ada", "editAnyMessage"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(50107);
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("ada", "editAnyMessage");
                });
    }

    @Test
    void permissionsAreCheckedAgainstTheRoleTypeAndDeduplicated() {
        assertThat(Roles.permissions(Role.Type.CONVERSATION, List.of("sendMessage", " sendMessage", "leaveConversation")))
                .containsExactly("sendMessage", "leaveConversation");
        assertThatThrownBy(() -> Roles.permissions(Role.Type.CONVERSATION, List.of("createConversation")))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Roles.permissions(Role.Type.SERVICE, List.of("sendMessage")))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Roles.permissions(Role.Type.SERVICE, List.of())).isInstanceOf(ApiException.class);
    }

    @Test
    void roleTypeParsesTwiliosValuesOnly() {
        assertThat(Role.Type.parse("conversation")).isEqualTo(Role.Type.CONVERSATION);
        assertThat(Role.Type.parse("service")).isEqualTo(Role.Type.SERVICE);
        assertThat(Role.Type.parse("channel")).isNull();
        assertThat(Role.Type.SERVICE.wire()).isEqualTo("service");
    }
}
