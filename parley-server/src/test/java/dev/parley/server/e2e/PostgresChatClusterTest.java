package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.parley.testing.PostgresCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two Parley nodes on one PostgreSQL database, each with chat clients of one conversation: a message posted through
 * either node's REST API reaches the clients of both, every client in index order, none missed, none twice (the
 * nodes hear each other through {@code LISTEN/NOTIFY}; nothing else connects them).
 */
class PostgresChatClusterTest {

    @Test
    void aMessagePostedOnEitherNodeReachesTheClientsOfBothInIndexOrder() throws Exception {
        String database = PostgresCluster.shared().createDatabase();
        try (Parley a = Parley.start(database, 3); Parley b = Parley.start(database, 3)) {
            ChatTokens.Key key = ChatTokens.key(a);
            Conversation c = Conversation.creator().setFriendlyName("two nodes").create(a.client());
            for (String identity : List.of("alice", "bob", "carol")) {
                Participant.creator(c.getSid()).setIdentity(identity).create(a.client());
            }
            try (ChatClient aliceOnA = ChatClient.authenticated(a.port(), ChatTokens.token(a, key, "alice", null));
                    ChatClient bobOnB = ChatClient.authenticated(b.port(), ChatTokens.token(b, key, "bob", null));
                    ChatClient carolOnB = ChatClient.authenticated(b.port(),
                            ChatTokens.token(b, key, "carol", null))) {
                // One at a time through alternating nodes, then both nodes at once.
                Message.creator(c.getSid()).setAuthor("agent").setBody("via a").create(a.client());
                Message.creator(c.getSid()).setAuthor("agent").setBody("via b").create(b.client());
                ExecutorService posters = Executors.newFixedThreadPool(2);
                try {
                    List<Future<?>> posted = new ArrayList<>();
                    for (Parley node : List.of(a, b)) {
                        posted.add(posters.submit(() -> {
                            for (int i = 0; i < 10; i++) {
                                Message.creator(c.getSid()).setAuthor("agent").setBody("burst " + i)
                                        .create(node.client());
                            }
                        }));
                    }
                    for (Future<?> f : posted) {
                        f.get();
                    }
                } finally {
                    posters.shutdown();
                }

                for (ChatClient client : List.of(aliceOnA, bobOnB, carolOnB)) {
                    List<Long> indexes = new ArrayList<>();
                    for (int i = 0; i < 22; i++) {
                        JsonNode event = client.next("message");
                        assertThat(event.get("conversation_sid").asText()).isEqualTo(c.getSid());
                        indexes.add(event.get("message").get("index").asLong());
                    }
                    assertThat(indexes).containsExactlyElementsOf(
                            java.util.stream.LongStream.range(0, 22).boxed().toList());
                    // Nothing more, nothing twice: a ping's answer comes next.
                    client.send("{\"type\":\"ping\",\"id\":\"end\"}");
                    assertThat(client.reply().get("type").asText()).isEqualTo("pong");
                }
                assertThat(aliceOnA.received().stream().filter(f -> f.get("type").asText().equals("message"))
                        .map(f -> f.get("message").get("body").asText()).limit(2).toList())
                        .containsExactly("via a", "via b");
            }
        }
    }
}
