package dev.parley.http.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatRefusal;
import dev.parley.core.chat.ChatSink;
import dev.parley.core.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChatConnectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final ChatIdentity ALICE = new ChatIdentity("AC1", "IS1", "alice", "SK1",
            T0.plus(Duration.ofHours(1)));

    private final FakeWire wire = new FakeWire();
    private final FakeHub hub = new FakeHub();
    private final List<String> handled = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private ChatConnection connection(ChatSocket.Settings settings) {
        return new ChatConnection(settings, token -> switch (token) {
            case "good" -> ALICE;
            case "bob" -> new ChatIdentity("AC1", "IS1", "bob", "SK1", T0.plus(Duration.ofHours(1)));
            case "later" -> new ChatIdentity("AC1", "IS1", "alice", "SK1", T0.plus(Duration.ofHours(2)));
            case "expired" -> throw new ChatRefusal(4410, "20104 the access token has expired");
            default -> throw new ChatRefusal(4401, "20107 invalid signature");
        }, hub, (who, type, id, frame) -> {
            handled.add(type);
            return switch (type) {
                case "send" -> "{\"type\":\"sent\",\"id\":\"" + id + "\"}";
                case "typing" -> null;
                case "refused" -> throw new ApiException(50430, 403, "not a participant");
                default -> throw new ChatJson.BadFrame("unknown type " + type);
            };
        }, clock, nanos::get, wire);
    }

    private ChatConnection connection() {
        return connection(ChatSocket.Settings.DEFAULT);
    }

    private ChatConnection authenticated() {
        ChatConnection c = connection();
        c.onText("{\"type\":\"authenticate\",\"token\":\"good\",\"protocol\":1}");
        assertThat(type(wire.frames.getFirst())).isEqualTo("authenticated");
        return c;
    }

    private static JsonNode json(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (Exception e) {
            throw new AssertionError(frame, e);
        }
    }

    private static String type(String frame) {
        return json(frame).get("type").asText();
    }

    @Test
    void authenticateAnswersAuthenticatedThenAttachesWithTheResumeIndexes() {
        ChatConnection c = connection();
        c.onText("{\"type\":\"authenticate\",\"token\":\"good\",\"protocol\":1,\"resume\":{\"CH1\":4,\"CH2\":-1}}");

        JsonNode answer = json(wire.frames.getFirst());
        assertThat(answer.get("type").asText()).isEqualTo("authenticated");
        assertThat(answer.get("identity").asText()).isEqualTo("alice");
        assertThat(answer.get("account_sid").asText()).isEqualTo("AC1");
        assertThat(answer.get("chat_service_sid").asText()).isEqualTo("IS1");
        assertThat(answer.get("expires_at").asText()).isEqualTo("2026-12-06T13:00:00Z");
        assertThat(hub.attached).containsExactly(ALICE);
        assertThat(hub.resume).isEqualTo(Map.of("CH1", 4L, "CH2", -1L));
        assertThat(wire.closes).isEmpty();
        // What the hub pushes goes out after the answer, in order.
        hub.sink.send("{\"type\":\"message\",\"n\":1}");
        hub.sink.send("{\"type\":\"message\",\"n\":2}");
        assertThat(wire.frames).extracting(f -> json(f).path("n").asInt()).containsExactly(0, 1, 2);
    }

    @Test
    void theAuthenticatedAnswerLeavesOnlyOnceTheHubHasTheConnectionAndWhatItSentMeanwhileFollows() {
        List<Integer> framesWhenAttached = new ArrayList<>();
        ChatSocket.Hub replaying = (who, sink, resume) -> {
            framesWhenAttached.add(wire.frames.size());
            sink.send("{\"type\":\"message\",\"n\":1}");
            return hub.attach(who, sink, resume);
        };
        new ChatConnection(ChatSocket.Settings.DEFAULT, t -> ALICE, replaying, (w, t, i, f) -> null, clock,
                nanos::get, wire).onText("{\"type\":\"authenticate\",\"token\":\"good\"}");

        assertThat(framesWhenAttached).containsExactly(0);
        assertThat(wire.frames).extracting(ChatConnectionTest::type).containsExactly("authenticated", "message");
    }

    @Test
    void aFirstFrameThatIsNotAnAuthenticateFrameCloses4400() {
        connection().onText("not json");
        assertThat(wire.closes).containsExactly("4400 the first frame must be a JSON authenticate frame");

        FakeWire other = new FakeWire();
        new ChatConnection(ChatSocket.Settings.DEFAULT, t -> ALICE, hub, (w, t, i, f) -> null, clock, nanos::get,
                other).onText("{\"type\":\"ping\",\"id\":\"1\"}");
        assertThat(other.closes).containsExactly("4400 the first frame must be authenticate");
        assertThat(hub.attached).isEmpty();
    }

    @Test
    void aRefusedTokenClosesWithTheRefusalsCodeAndReason() {
        ChatConnection c = connection();
        c.onText("{\"type\":\"authenticate\",\"token\":\"forged\"}");

        assertThat(wire.closes).containsExactly("4401 20107 invalid signature");
        assertThat(wire.frames).isEmpty();
        assertThat(hub.attached).isEmpty();
        c.onText("{\"type\":\"authenticate\",\"token\":\"good\"}");
        assertThat(hub.attached).isEmpty();
    }

    @Test
    void aMissingTokenOrAnUnknownProtocolIsRefused() {
        connection().onText("{\"type\":\"authenticate\"}");
        assertThat(wire.closes).containsExactly("4401 20101 the authenticate frame has no token");
        wire.closes.clear();
        connection().onText("{\"type\":\"authenticate\",\"token\":\"good\",\"protocol\":2}");
        assertThat(wire.closes).containsExactly("4400 protocol 2 is not served; this server speaks protocol 1");
        wire.closes.clear();
        connection().onText("{\"type\":\"authenticate\",\"token\":\"good\",\"resume\":{\"CH1\":\"x\"}}");
        assertThat(wire.closes).singleElement().asString().startsWith("4400 resume must map");
        assertThat(hub.attached).isEmpty();
    }

    @Test
    void noAuthenticateFrameWithinTheTimeoutCloses4408() {
        ChatConnection c = connection();
        now = T0.plusSeconds(9);
        c.tick(now);
        assertThat(wire.closes).isEmpty();

        now = T0.plusSeconds(10);
        c.tick(now);
        assertThat(wire.closes).containsExactly("4408 no authenticate frame within 10 s");
    }

    @Test
    void malformedAndUnknownFramesGetError20001AndTheTenthCloses4400() {
        ChatConnection c = authenticated();
        c.onText("{not json");
        c.onText("{\"type\":\"dance\",\"id\":\"r2\"}");
        c.onText("[1,2]");
        c.onText("{\"id\":\"r4\"}");
        c.onText("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}");
        c.onText("{\"type\":\"ping\",\"type\":\"ping\"}");

        List<JsonNode> errors = wire.frames.stream().skip(1).map(ChatConnectionTest::json).toList();
        assertThat(errors).extracting(e -> e.get("type").asText()).containsOnly("error");
        assertThat(errors).extracting(e -> e.get("code").asInt()).containsOnly(20001);
        assertThat(errors).extracting(e -> e.get("status").asInt()).containsOnly(400);
        assertThat(errors.get(1).get("id").asText()).isEqualTo("r2");
        assertThat(errors.get(1).get("message").asText()).isEqualTo("unknown type dance");
        assertThat(errors.get(3).get("id").asText()).isEqualTo("r4");
        assertThat(errors.get(0).get("id").isNull()).isTrue();
        assertThat(wire.closes).isEmpty();

        for (int i = 6; i < 9; i++) {
            c.onText("nope");
        }
        assertThat(wire.closes).isEmpty();
        c.onText("nope");
        assertThat(wire.closes).containsExactly("4400 10 frames the protocol cannot read");
        assertThat(hub.detached).isTrue();
    }

    @Test
    void aRefusedRequestIsAnErrorFrameWithTwiliosCodeAndTheConnectionStaysOpen() {
        ChatConnection c = authenticated();
        c.onText("{\"type\":\"refused\",\"id\":\"a\"}");

        JsonNode error = json(wire.frames.getLast());
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("id").asText()).isEqualTo("a");
        assertThat(error.get("code").asInt()).isEqualTo(50430);
        assertThat(error.get("status").asInt()).isEqualTo(403);
        assertThat(error.get("message").asText()).isEqualTo("not a participant");
        c.onText("{\"type\":\"ping\",\"id\":\"b\"}");
        assertThat(json(wire.frames.getLast()).get("type").asText()).isEqualTo("pong");
        assertThat(json(wire.frames.getLast()).get("id").asText()).isEqualTo("b");
        assertThat(wire.closes).isEmpty();
    }

    @Test
    void aBurstOfSixtyFramesPassesAndTheSixtyFirstCloses4429() {
        ChatConnection c = authenticated();
        for (int i = 1; i < 60; i++) {
            c.onText("{\"type\":\"typing\",\"conversation_sid\":\"CH1\"}");
        }
        assertThat(wire.closes).isEmpty();
        assertThat(handled).hasSize(59);

        c.onText("{\"type\":\"typing\",\"conversation_sid\":\"CH1\"}");
        assertThat(wire.closes).containsExactly("4429 flood: more than 60 frames at once or 20 a second");
        assertThat(handled).hasSize(59);
    }

    @Test
    void theBucketRefillsTwentyFramesASecond() {
        ChatConnection c = authenticated();
        for (int i = 1; i < 60; i++) {
            c.onText("{\"type\":\"typing\"}");
        }
        for (int second = 0; second < 5; second++) {
            nanos.addAndGet(1_000_000_000L);
            for (int i = 0; i < 20; i++) {
                c.onText("{\"type\":\"typing\"}");
            }
        }
        assertThat(wire.closes).isEmpty();
        c.onText("{\"type\":\"typing\"}");
        assertThat(wire.closes).hasSize(1);
    }

    @Test
    void tokenExpiringThreeMinutesBeforeExpiryThenClose4410AtExpiry() {
        ChatConnection c = authenticated();
        now = ALICE.expiresAt().minus(Duration.ofMinutes(3)).minusSeconds(1);
        c.tick(now);
        assertThat(wire.frames).hasSize(1);

        now = now.plusSeconds(1);
        c.tick(now);
        c.tick(now);
        assertThat(wire.frames).hasSize(2);
        JsonNode warning = json(wire.frames.getLast());
        assertThat(warning.get("type").asText()).isEqualTo("token_expiring");
        assertThat(warning.get("expires_at").asText()).isEqualTo("2026-12-06T13:00:00Z");

        now = ALICE.expiresAt();
        c.tick(now);
        assertThat(wire.closes).containsExactly("4410 20104 the access token has expired");
        assertThat(hub.detached).isTrue();
    }

    @Test
    void refreshMovesTheDeadlinesAndRenewsTheAttachment() {
        ChatConnection c = authenticated();
        c.onText("{\"type\":\"refresh\",\"id\":\"f\",\"token\":\"later\"}");

        JsonNode answer = json(wire.frames.getLast());
        assertThat(answer.get("type").asText()).isEqualTo("refreshed");
        assertThat(answer.get("id").asText()).isEqualTo("f");
        assertThat(answer.get("expires_at").asText()).isEqualTo("2026-12-06T14:00:00Z");
        assertThat(hub.renewed.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        now = ALICE.expiresAt();
        c.tick(now);
        assertThat(wire.closes).isEmpty();
        assertThat(c.identity().expiresAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void aRefreshForSomeoneElseCloses4403AndARefusedOneWithItsCode() {
        ChatConnection c = authenticated();
        c.onText("{\"type\":\"refresh\",\"id\":\"f\",\"token\":\"bob\"}");
        assertThat(wire.closes).singleElement().asString().startsWith("4403 20103 ");
        assertThat(hub.renewed).isNull();

        wire.closes.clear();
        ChatConnection d = authenticated();
        d.onText("{\"type\":\"refresh\",\"id\":\"f\",\"token\":\"expired\"}");
        assertThat(wire.closes).containsExactly("4410 20104 the access token has expired");
    }

    @Test
    void aClientThatReadsTooSlowlyIsClosedInsteadOfQueueingWithoutBound() {
        ChatSocket.Settings small = new ChatSocket.Settings(Duration.ofSeconds(10), 1024, 60, 20, 10,
                Duration.ofMinutes(3), 2048, Duration.ofSeconds(90), Duration.ofSeconds(30));
        wire.async = true;
        ChatConnection c = connection(small);
        c.onText("{\"type\":\"authenticate\",\"token\":\"good\"}");
        String frame = "{\"type\":\"message\",\"body\":\"" + "x".repeat(480) + "\"}";
        for (int i = 0; i < 4; i++) {
            hub.sink.send(frame);
        }
        assertThat(wire.closes).isEmpty();
        hub.sink.send(frame);
        assertThat(wire.closes).singleElement().asString().startsWith("1008 the client reads too slowly");
        assertThat(hub.detached).isTrue();
    }

    @Test
    void framesLeaveInOrderWhenTheWireCompletesLater() {
        wire.async = true;
        ChatConnection c = authenticated();
        for (int i = 1; i <= 5; i++) {
            hub.sink.send("{\"n\":" + i + "}");
        }
        assertThat(wire.frames).hasSize(1);
        while (wire.completeOne()) {
            // each completion starts the next frame
        }
        assertThat(wire.frames).extracting(f -> json(f).path("n").asInt()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(c.open()).isTrue();
    }

    @Test
    void aLongReasonIsCutToWhatACloseFrameCarries() {
        assertThat(CloseCodes.reason("é".repeat(100)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSize(122);
        assertThat(CloseCodes.reason("short")).isEqualTo("short");
    }

    /** Records frames and closes; completes each write at once, or when told ({@link #async}). */
    private static final class FakeWire implements Wire {
        final List<String> frames = new ArrayList<>();
        final List<String> closes = new ArrayList<>();
        final List<Done> pending = new ArrayList<>();
        boolean async;

        @Override
        public void sendText(String frame, Done done) {
            frames.add(frame);
            if (async) {
                pending.add(done);
            } else {
                done.written();
            }
        }

        boolean completeOne() {
            if (pending.isEmpty()) {
                return false;
            }
            pending.removeFirst().written();
            return true;
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }

        @Override
        public void ping() {
        }
    }

    private static final class FakeHub implements ChatSocket.Hub {
        final List<ChatIdentity> attached = new ArrayList<>();
        Map<String, Long> resume;
        ChatSink sink;
        ChatIdentity renewed;
        boolean detached;

        @Override
        public ChatSocket.Attachment attach(ChatIdentity who, ChatSink sink, Map<String, Long> resumeFrom) {
            attached.add(who);
            this.sink = sink;
            this.resume = resumeFrom;
            return new ChatSocket.Attachment() {
                @Override
                public void renew(ChatIdentity r) {
                    renewed = r;
                }

                @Override
                public void detach() {
                    detached = true;
                }
            };
        }
    }
}
