package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The web-chat socket at {@code /chat} (docs/chat-protocol.md) through the JDK's WebSocket client, with tokens minted
 * by twilio-java's {@code AccessToken} from API keys created through the API: every refusal with its close code and
 * reason, the deadlines, hostile frames (which write nothing), requests, and live events.
 */
interface ChatSocketContract {
    AtomicInteger IDENTITIES = new AtomicInteger();

    Parley parley();

    private static String identity(String name) {
        return name + "-" + IDENTITIES.incrementAndGet();
    }

    /** A conversation of the default service with chat participants {@code identities}. */
    private Conversation conversationWith(String... identities) {
        Conversation c = Conversation.creator().setFriendlyName("chat").create(parley().client());
        for (String identity : identities) {
            Participant.creator(c.getSid()).setIdentity(identity).create(parley().client());
        }
        return c;
    }

    private int messageCount(String conversationSid) {
        List<Message> all = new ArrayList<>();
        Message.reader(conversationSid).read(parley().client()).forEach(all::add);
        return all.size();
    }

    private ChatClient connect(ChatTokens.Key key, String identity) {
        return ChatClient.authenticated(parley().port(), ChatTokens.token(parley(), key, identity, null));
    }

    private ChatClient.Close refusal(String token) {
        try (ChatClient client = ChatClient.connect(parley().port())) {
            client.send(Map.of("type", "authenticate", "token", token, "protocol", 1));
            ChatClient.Close close = client.awaitClose();
            assertThat(client.received()).as("frames before the close").isEmpty();
            return close;
        }
    }

    private static Map<String, Object> frame(Object... keysAndValues) {
        Map<String, Object> frame = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            frame.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return frame;
    }

    @Test
    default void aTokenMintedByTwilioJavaAuthenticatesAndListsTheIdentitysConversations() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        Conversation c = conversationWith(alice);

        try (ChatClient client = ChatClient.connect(parley().port())) {
            client.send(Map.of("type", "authenticate", "token", ChatTokens.token(parley(), key, alice, null),
                    "protocol", 1));
            JsonNode answer = client.next();
            assertThat(answer.get("type").asText()).isEqualTo("authenticated");
            assertThat(answer.get("protocol").asInt()).isEqualTo(1);
            assertThat(answer.get("identity").asText()).isEqualTo(alice);
            assertThat(answer.get("account_sid").asText()).isEqualTo(Parley.ACCOUNT_SID);
            assertThat(answer.get("chat_service_sid").asText()).isEqualTo(c.getChatServiceSid());
            assertThat(answer.get("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

            client.send(frame("type", "conversations", "id", "c1"));
            JsonNode list = client.next("conversations");
            assertThat(list.get("id").asText()).isEqualTo("c1");
            assertThat(list.get("conversations")).hasSize(1);
            JsonNode conversation = list.get("conversations").get(0);
            assertThat(conversation.get("sid").asText()).isEqualTo(c.getSid());
            assertThat(conversation.get("chat_service_sid").asText()).isEqualTo(c.getChatServiceSid());
            assertThat(conversation.get("friendly_name").asText()).isEqualTo("chat");
            assertThat(conversation.get("state").asText()).isEqualTo("active");
            assertThat(conversation.get("participant_sid").asText()).matches("MB[0-9a-f]{32}");
            assertThat(conversation.get("last_message_index").isNull()).isTrue();
        }
    }

    @Test
    default void everyRefusedTokenClosesWithItsCodeAndAReasonSayingWhy() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        conversationWith(alice);

        ChatClient.Close expired = refusal(ChatTokens.token(parley(), key, key.accountSid(), alice, null,
                Duration.ofMinutes(-5), null));
        assertThat(expired.code()).isEqualTo(4410);
        assertThat(expired.reason()).startsWith("20104 ");

        ChatClient.Close early = refusal(ChatTokens.token(parley(), key, key.accountSid(), alice, null,
                Duration.ofHours(1), parley().clock().instant().plus(Duration.ofMinutes(10))));
        assertThat(early.code()).isEqualTo(4411);
        assertThat(early.reason()).startsWith("20105 ");

        ChatClient.Close forged = refusal(ChatTokens.token(parley(), key.sid(), "not-the-secret-of-this-key-0123456789",
                key.accountSid(), alice, null, Duration.ofHours(1), null));
        assertThat(forged.code()).isEqualTo(4401);
        assertThat(forged.reason()).startsWith("20107 ");

        ChatClient.Close garbage = refusal("not.a.token");
        assertThat(garbage.code()).isEqualTo(4401);
        assertThat(garbage.reason()).startsWith("20101 ");

        // A sibling account's key cannot sign for the main account.
        Account sub = Account.creator().setFriendlyName("chat-sub").create(parley().client());
        ChatTokens.Key subKey = ChatTokens.key(parley(), sub.getSid());
        ChatClient.Close wrongAccount = refusal(ChatTokens.token(parley(), subKey, Parley.ACCOUNT_SID, alice, null,
                Duration.ofHours(1), null));
        assertThat(wrongAccount.code()).isEqualTo(4403);
        assertThat(wrongAccount.reason()).startsWith("20103 ");

        // A service of another account.
        Service otherService = Service.creator("other").create(parley().client(sub.getSid(), sub.getAuthToken()));
        ChatClient.Close wrongService = refusal(ChatTokens.token(parley(), key, alice, otherService.getSid()));
        assertThat(wrongService.code()).isEqualTo(4403);
        assertThat(wrongService.reason()).startsWith("20106 ").contains(otherService.getSid());

        // Deleting the key revokes its tokens.
        String minted = ChatTokens.token(parley(), key, alice, null);
        Key.deleter(key.sid()).delete(parley().client());
        ChatClient.Close revoked = refusal(minted);
        assertThat(revoked.code()).isEqualTo(4401);
        assertThat(revoked.reason()).startsWith("20103 ").contains(key.sid());
    }

    @Test
    default void aFirstFrameThatIsNotAuthenticateClosesWith4400() {
        try (ChatClient client = ChatClient.connect(parley().port())) {
            client.send("hello");
            assertThat(client.awaitClose().code()).isEqualTo(4400);
        }
        try (ChatClient client = ChatClient.connect(parley().port())) {
            client.send(frame("type", "conversations", "id", "1"));
            ChatClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(4400);
            assertThat(close.reason()).contains("authenticate");
        }
        try (ChatClient client = ChatClient.connect(parley().port())) {
            client.send(frame("type", "authenticate", "token", "x", "protocol", 2));
            ChatClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(4400);
            assertThat(close.reason()).contains("protocol 1");
        }
        try (ChatClient client = ChatClient.connect(parley().port())) {
            client.send(frame("type", "authenticate"));
            ChatClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(4401);
            assertThat(close.reason()).startsWith("20101 ");
        }
    }

    @Test
    default void noAuthenticateFrameWithinTenSecondsCloses4408() {
        try (ChatClient client = ChatClient.connect(parley().port())) {
            // Nine seconds in, the connection is still open; at ten it is closed.
            parley().advance(Duration.ofSeconds(9));
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> !client.isClosed());
            parley().advance(Duration.ofSeconds(2));
            ChatClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(4408);
            assertThat(close.reason()).contains("10 s");
        }
    }

    @Test
    default void aTokenAboutToExpireIsAnnouncedThenTheConnectionCloses4410UnlessRefreshed() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        conversationWith(alice);
        String shortLived = ChatTokens.token(parley(), key, key.accountSid(), alice, null, Duration.ofMinutes(5),
                null);

        try (ChatClient expiring = ChatClient.authenticated(parley().port(), shortLived);
                ChatClient refreshing = ChatClient.authenticated(parley().port(), shortLived)) {
            String expiresAt = expiring.received().getFirst().get("expires_at").asText();
            parley().advance(Duration.ofMinutes(2).plusSeconds(30));
            assertThat(expiring.next("token_expiring").get("expires_at").asText()).isEqualTo(expiresAt);
            assertThat(refreshing.next("token_expiring").get("expires_at").asText()).isEqualTo(expiresAt);

            refreshing.send(frame("type", "refresh", "id", "r1", "token", ChatTokens.token(parley(), key, alice,
                    null)));
            JsonNode refreshed = refreshing.next("refreshed");
            assertThat(refreshed.get("id").asText()).isEqualTo("r1");
            assertThat(refreshed.get("expires_at").asText()).isGreaterThan(expiresAt);

            parley().advance(Duration.ofMinutes(3));
            ChatClient.Close close = expiring.awaitClose();
            assertThat(close.code()).isEqualTo(4410);
            assertThat(close.reason()).startsWith("20104 ");
            refreshing.send(frame("type", "ping", "id", "p"));
            assertThat(refreshing.next("pong").get("id").asText()).isEqualTo("p");
            assertThat(refreshing.isClosed()).isFalse();
        }
    }

    @Test
    default void aRefreshWithAnotherIdentitysTokenCloses4403() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        conversationWith(alice);
        try (ChatClient client = connect(key, alice)) {
            client.send(frame("type", "refresh", "id", "r", "token", ChatTokens.token(parley(), key,
                    identity("mallory"), null)));
            ChatClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(4403);
        }
    }

    @Test
    default void aFrameOver64KiBCloses1009AndWritesNothing() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        Conversation c = conversationWith(alice);
        try (ChatClient client = connect(key, alice)) {
            client.send(frame("type", "send", "id", "big", "conversation_sid", c.getSid(), "body",
                    "x".repeat(64 * 1024)));
            assertThat(client.awaitClose().code()).isEqualTo(1009);
            assertThat(client.received()).filteredOn(f -> f.has("id")).isEmpty();
        }
        assertThat(messageCount(c.getSid())).isZero();
    }

    @Test
    default void malformedAndUnknownFramesGetError20001AndTheTenthCloses4400WritingNothing() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        Conversation c = conversationWith(alice);
        try (ChatClient client = connect(key, alice)) {
            client.send("{\"type\":\"send\",\"conversation_sid\":\"" + c.getSid() + "\",\"body\":\"half");
            JsonNode malformed = client.reply();
            assertThat(malformed.get("type").asText()).isEqualTo("error");
            assertThat(malformed.get("code").asInt()).isEqualTo(20001);
            assertThat(malformed.get("status").asInt()).isEqualTo(400);
            assertThat(malformed.get("id").isNull()).isTrue();

            client.send(frame("type", "sendd", "id", "u1", "conversation_sid", c.getSid(), "body", "typo"));
            JsonNode unknown = client.reply();
            assertThat(unknown.get("type").asText()).isEqualTo("error");
            assertThat(unknown.get("id").asText()).isEqualTo("u1");
            assertThat(unknown.get("code").asInt()).isEqualTo(20001);
            assertThat(unknown.get("message").asText()).contains("sendd");

            client.send(frame("type", "send", "id", "m1", "body", "no conversation"));
            assertThat(client.reply().get("message").asText()).contains("conversation_sid");
            // Still open and answering.
            client.send(frame("type", "ping", "id", "alive"));
            assertThat(client.reply().get("type").asText()).isEqualTo("pong");

            for (int i = 4; i <= 9; i++) {
                client.send("[" + i + "]");
                assertThat(client.reply().get("code").asInt()).isEqualTo(20001);
            }
            client.send("{");
            ChatClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(4400);
        }
        assertThat(messageCount(c.getSid())).isZero();
    }

    @Test
    default void aFloodOfFramesCloses4429() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        Conversation c = conversationWith(alice);
        try (ChatClient client = connect(key, alice)) {
            int sent = 0;
            for (int i = 0; i < 400 && !client.isClosed(); i++) {
                try {
                    client.send(frame("type", "ping", "id", "p" + i));
                    sent++;
                } catch (RuntimeException e) {
                    break;
                }
            }
            ChatClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(4429);
            assertThat(close.reason()).startsWith("flood");
            long pongs = client.received().stream().filter(f -> f.get("type").asText().equals("pong")).count();
            // The burst is 60 frames, authenticate included, plus what refilled while the pings arrived; not all of
            // those sent were answered.
            assertThat(pongs).isGreaterThanOrEqualTo(59L).isLessThan(sent);
        }
        assertThat(messageCount(c.getSid())).isZero();
    }

    @Test
    default void aRequestOnSomeoneElsesConversationIsRefusedAndTheConnectionStaysOpen() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        conversationWith(alice);
        Conversation theirs = conversationWith(identity("bob"));
        try (ChatClient client = connect(key, alice)) {
            client.send(frame("type", "send", "id", "s", "conversation_sid", theirs.getSid(), "body", "hi"));
            JsonNode error = client.reply();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("id").asText()).isEqualTo("s");
            assertThat(error.get("code").asInt()).isEqualTo(50430);
            assertThat(error.get("status").asInt()).isEqualTo(403);
            client.send(frame("type", "history", "id", "h", "conversation_sid", theirs.getSid()));
            assertThat(client.reply().get("code").asInt()).isEqualTo(50430);
            assertThat(client.isClosed()).isFalse();
        }
        assertThat(messageCount(theirs.getSid())).isZero();
    }

    @Test
    default void aSendIsAnsweredSentAndARetriedClientMessageIdIsStoredOnce() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        Conversation c = conversationWith(alice);
        try (ChatClient client = connect(key, alice)) {
            Map<String, Object> send = frame("type", "send", "id", "s1", "conversation_sid", c.getSid(),
                    "client_message_id", "cm-1", "body", "hello from the browser", "attributes", "{\"k\":1}");
            client.send(send);
            JsonNode sent = client.next("sent");
            assertThat(sent.get("id").asText()).isEqualTo("s1");
            assertThat(sent.get("client_message_id").asText()).isEqualTo("cm-1");
            JsonNode message = sent.get("message");
            assertThat(message.get("sid").asText()).matches("IM[0-9a-f]{32}");
            assertThat(message.get("index").asLong()).isZero();
            assertThat(message.get("author").asText()).isEqualTo(alice);
            assertThat(message.get("body").asText()).isEqualTo("hello from the browser");
            assertThat(message.get("attributes").asText()).isEqualTo("{\"k\":1}");
            assertThat(message.get("client_message_id").asText()).isEqualTo("cm-1");
            assertThat(message.get("delivery").isNull()).isTrue();

            send.put("id", "s2");
            client.send(send);
            JsonNode again = client.next("sent");
            assertThat(again.get("id").asText()).isEqualTo("s2");
            assertThat(again.get("message").get("sid").asText()).isEqualTo(message.get("sid").asText());
        }
        List<Message> stored = new ArrayList<>();
        Message.reader(c.getSid()).read(parley().client()).forEach(stored::add);
        assertThat(stored).extracting(Message::getBody).containsExactly("hello from the browser");
        assertThat(stored.getFirst().getAuthor()).isEqualTo(alice);
    }

    @Test
    default void historyPagesBackInAscendingOrder() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        Conversation c = conversationWith(alice);
        for (int i = 0; i < 5; i++) {
            Message.creator(c.getSid()).setAuthor("agent").setBody("m" + i).create(parley().client());
        }
        try (ChatClient client = connect(key, alice)) {
            client.send(frame("type", "history", "id", "h1", "conversation_sid", c.getSid(), "page_size", 2));
            JsonNode newest = client.next("history");
            assertThat(newest.get("id").asText()).isEqualTo("h1");
            assertThat(indexes(newest)).containsExactly(3L, 4L);
            assertThat(newest.get("has_more").asBoolean()).isTrue();

            client.send(frame("type", "history", "id", "h2", "conversation_sid", c.getSid(), "page_size", 2,
                    "before", 3));
            assertThat(indexes(client.next("history"))).containsExactly(1L, 2L);
            client.send(frame("type", "history", "id", "h3", "conversation_sid", c.getSid(), "page_size", 2,
                    "before", 1));
            JsonNode oldest = client.next("history");
            assertThat(indexes(oldest)).containsExactly(0L);
            assertThat(oldest.get("has_more").asBoolean()).isFalse();
            assertThat(oldest.get("messages").get(0).get("body").asText()).isEqualTo("m0");

            client.send(frame("type", "history", "id", "h4", "conversation_sid", c.getSid(), "page_size", 101));
            assertThat(client.reply().get("code").asInt()).isEqualTo(20001);
        }
    }

    private static List<Long> indexes(JsonNode history) {
        List<Long> out = new ArrayList<>();
        history.get("messages").forEach(m -> out.add(m.get("index").asLong()));
        return out;
    }

    @Test
    default void messagesPostedWhileDisconnectedArriveExactlyOnceInOrderOnResume() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        Conversation c = conversationWith(alice);
        long lastSeen;
        try (ChatClient client = connect(key, alice)) {
            Message.creator(c.getSid()).setAuthor("agent").setBody("before").create(parley().client());
            JsonNode first = client.next("message");
            assertThat(first.get("conversation_sid").asText()).isEqualTo(c.getSid());
            assertThat(first.get("message").get("body").asText()).isEqualTo("before");
            lastSeen = first.get("message").get("index").asLong();
        }
        for (int i = 1; i <= 3; i++) {
            Message.creator(c.getSid()).setAuthor("agent").setBody("while away " + i).create(parley().client());
        }
        try (ChatClient client = ChatClient.connect(parley().port())) {
            client.send(frame("type", "authenticate", "token", ChatTokens.token(parley(), key, alice, null),
                    "resume", Map.of(c.getSid(), lastSeen)));
            assertThat(client.next().get("type").asText()).isEqualTo("authenticated");
            List<JsonNode> replayed = List.of(client.next("message"), client.next("message"),
                    client.next("message"));
            assertThat(replayed).extracting(f -> f.get("message").get("index").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(replayed).extracting(f -> f.get("message").get("body").asText())
                    .containsExactly("while away 1", "while away 2", "while away 3");

            Message.creator(c.getSid()).setAuthor("agent").setBody("live").create(parley().client());
            JsonNode live = client.next("message");
            assertThat(live.get("message").get("index").asLong()).isEqualTo(4L);
            client.send(frame("type", "ping", "id", "end"));
            client.next("pong");
            assertThat(client.received().stream().filter(f -> f.get("type").asText().equals("message")))
                    .extracting(f -> f.get("message").get("index").asLong()).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    default void typingReachesTheOtherChatParticipantButNotTheTypist() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        String bob = identity("bob");
        Conversation c = conversationWith(alice, bob);
        try (ChatClient typist = connect(key, alice); ChatClient reader = connect(key, bob)) {
            typist.send(frame("type", "typing", "conversation_sid", c.getSid()));
            JsonNode typing = reader.next("typing");
            assertThat(typing.get("conversation_sid").asText()).isEqualTo(c.getSid());
            assertThat(typing.get("identity").asText()).isEqualTo(alice);
            assertThat(typing.get("participant_sid").asText()).matches("MB[0-9a-f]{32}");

            // The typist's connection answers a later ping without having seen its own typing.
            typist.send(frame("type", "ping", "id", "after"));
            typist.next("pong");
            reader.send(frame("type", "ping", "id", "after"));
            reader.next("pong");
            assertThat(typist.received()).extracting(f -> f.get("type").asText()).doesNotContain("typing");
        }
    }

    @Test
    default void aChatMessageReachesAnSmsHandsetAndTheHandsetsReplyArrivesOnTheSocket() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String proxyNumber = proxy.getPhoneNumber().toString();
        String handset = Fixtures.handset();
        Conversation c = conversationWith(alice);
        Participant.creator(c.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxyNumber).create(parley().client());

        try (ChatClient client = connect(key, alice)) {
            client.send(frame("type", "participants", "id", "p", "conversation_sid", c.getSid()));
            JsonNode participants = client.next("participants");
            assertThat(participants.get("participants")).extracting(p -> p.get("channel").asText())
                    .containsExactlyInAnyOrder("chat", "sms");

            client.send(frame("type", "send", "id", "s", "conversation_sid", c.getSid(), "client_message_id",
                    "to-sms", "body", "Hello handset"));
            client.next("sent");
            await().atMost(ChatClient.WAIT).until(() -> inbox(handset).stream().anyMatch(m ->
                    m.get("body").asText().equals("Hello handset") && m.get("from").asText().equals(proxyNumber)));

            assertThat(parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset, "To", proxyNumber,
                    "Body", "Hello browser")).status()).isEqualTo(201);
            JsonNode reply = client.next(f -> f.path("type").asText().equals("message")
                    && f.get("message").get("body").asText().equals("Hello browser"));
            assertThat(reply.get("conversation_sid").asText()).isEqualTo(c.getSid());
            assertThat(reply.get("message").get("author").asText()).isEqualTo(handset);
            assertThat(reply.get("message").get("index").asLong()).isEqualTo(1L);
        }
    }

    private List<JsonNode> inbox(String handset) {
        JsonNode messages = parley().get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B")
                + "/Messages").json().get("messages");
        List<JsonNode> out = new ArrayList<>();
        messages.forEach(out::add);
        return out;
    }
}
