package dev.parley.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.error.ApiException;
import org.junit.jupiter.api.Test;

class ConversationStateTest {

    @Test
    void everyMoveIsAllowedExceptOutOfClosed() {
        for (ConversationState from : ConversationState.values()) {
            for (ConversationState to : ConversationState.values()) {
                boolean expected = from != ConversationState.CLOSED || to == ConversationState.CLOSED;
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(expected);
            }
        }
    }

    @Test
    void parseAcceptsTwiliosSpellingsAnyCaseAndRefusesOthersWith20001() {
        assertThat(ConversationState.parse("active")).isEqualTo(ConversationState.ACTIVE);
        assertThat(ConversationState.parse("Inactive")).isEqualTo(ConversationState.INACTIVE);
        assertThat(ConversationState.parse("CLOSED")).isEqualTo(ConversationState.CLOSED);
        assertThatThrownBy(() -> ConversationState.parse("initializing")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(20001));
    }
}
