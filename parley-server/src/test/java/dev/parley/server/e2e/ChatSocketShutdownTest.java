package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import org.junit.jupiter.api.Test;

/** A server that stops closes its chat connections with 1001, so clients reconnect elsewhere or later and resume. */
class ChatSocketShutdownTest {

    @Test
    void stoppingTheServerClosesEveryChatConnectionWith1001() {
        Parley parley = Parley.start(null, 3);
        ChatClient authenticated;
        ChatClient waiting;
        try {
            ChatTokens.Key key = ChatTokens.key(parley);
            Conversation c = Conversation.creator().create(parley.client());
            Participant.creator(c.getSid()).setIdentity("alice").create(parley.client());
            authenticated = ChatClient.authenticated(parley.port(), ChatTokens.token(parley, key, "alice", null));
            waiting = ChatClient.connect(parley.port());
        } finally {
            parley.close();
        }
        for (ChatClient client : new ChatClient[] {authenticated, waiting}) {
            ChatClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).isEqualTo("server stopping");
            client.close();
        }
    }
}
