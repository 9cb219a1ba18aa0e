package dev.parley.core.message.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelsTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    /** A channel that records what it was handed; carries group MMS when told to. */
    private record Recording(boolean groups, List<Message> sent) implements Channel {
        @Override
        public String name() {
            return groups ? "groups" : "smpp:carrier";
        }

        @Override
        public SendResult send(Message message) {
            sent.add(message);
            return new SendResult.Accepted("p-" + message.sid());
        }

        @Override
        public boolean carriesGroupMms() {
            return groups;
        }
    }

    private static Message message(List<String> group) {
        return new Message("MM1", "AC1", null, "+14155550100", "+12025550101", "hi", List.of(), 1,
                Direction.OUTBOUND_API, MessageStatus.SENDING, null, null, null, "USD", "smpp:carrier", null,
                Message.StatusCallback.NONE, T0, T0, null, group);
    }

    @Test
    void aGroupCopyOnAChannelWithoutGroupMmsFailsWith21653AndIsNeverHandedOver() {
        Recording smpp = new Recording(false, new ArrayList<>());
        SendResult result = Channels.send(smpp, message(List.of("+12025550102")));
        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(r.errorCode()).isEqualTo(21653);
            assertThat(r.reason()).contains("smpp:carrier", "3 members");
        });
        assertThat(smpp.sent()).isEmpty();
    }

    @Test
    void oneToOneMessagesAndGroupCopiesOnAGroupChannelAreHandedOver() {
        Recording smpp = new Recording(false, new ArrayList<>());
        assertThat(Channels.send(smpp, message(List.of()))).isInstanceOf(SendResult.Accepted.class);
        Recording groups = new Recording(true, new ArrayList<>());
        assertThat(Channels.send(groups, message(List.of("+12025550102")))).isInstanceOf(SendResult.Accepted.class);
        assertThat(groups.sent()).hasSize(1);
    }
}
